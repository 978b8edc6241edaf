// Floating-point object-oriented code: a small ray tracer written with
// constructor functions and prototype methods. Every vector operation
// allocates a new small object (three number fields); scene objects are
// built from object literals and share methods through prototypes.
// Prints a checksum of the rendered image.
'use strict';
var log = typeof print === 'function' ? print : console.log;

function Vec(x, y, z) { this.x = x; this.y = y; this.z = z; }
Vec.prototype.add = function (v) { return new Vec(this.x + v.x, this.y + v.y, this.z + v.z); };
Vec.prototype.sub = function (v) { return new Vec(this.x - v.x, this.y - v.y, this.z - v.z); };
Vec.prototype.scale = function (k) { return new Vec(this.x * k, this.y * k, this.z * k); };
Vec.prototype.mul = function (v) { return new Vec(this.x * v.x, this.y * v.y, this.z * v.z); };
Vec.prototype.dot = function (v) { return this.x * v.x + this.y * v.y + this.z * v.z; };
Vec.prototype.length = function () { return Math.sqrt(this.dot(this)); };
Vec.prototype.norm = function () { return this.scale(1 / this.length()); };
Vec.prototype.cross = function (v) {
  return new Vec(this.y * v.z - this.z * v.y, this.z * v.x - this.x * v.z, this.x * v.y - this.y * v.x);
};

function Ray(origin, dir) { this.origin = origin; this.dir = dir; }
Ray.prototype.at = function (t) { return this.origin.add(this.dir.scale(t)); };

function Hit(t, point, normal, material) {
  this.t = t; this.point = point; this.normal = normal; this.material = material;
}

function Sphere(center, radius, material) {
  this.center = center; this.radius = radius; this.material = material;
}
Sphere.prototype.intersect = function (ray) {
  var oc = ray.origin.sub(this.center);
  var b = oc.dot(ray.dir);
  var c = oc.dot(oc) - this.radius * this.radius;
  var disc = b * b - c;
  if (disc < 0) return null;
  var s = Math.sqrt(disc);
  var t = -b - s;
  if (t < 1e-4) { t = -b + s; if (t < 1e-4) return null; }
  var p = ray.at(t);
  return new Hit(t, p, p.sub(this.center).scale(1 / this.radius), this.material);
};

function Plane(normal, offset, material) {
  this.normal = normal; this.offset = offset; this.material = material;
}
Plane.prototype.intersect = function (ray) {
  var d = this.normal.dot(ray.dir);
  if (Math.abs(d) < 1e-9) return null;
  var t = (this.offset - this.normal.dot(ray.origin)) / d;
  if (t < 1e-4) return null;
  return new Hit(t, ray.at(t), this.normal, this.material);
};

function Checker(a, b, size) { this.a = a; this.b = b; this.size = size; }
Checker.prototype.colorAt = function (p) {
  var k = (Math.floor(p.x / this.size) + Math.floor(p.z / this.size)) & 1;
  return k ? this.a : this.b;
};
function Solid(c) { this.c = c; }
Solid.prototype.colorAt = function (p) { return this.c; };

function Camera(pos, lookAt, fov) {
  this.pos = pos;
  this.forward = lookAt.sub(pos).norm();
  this.right = this.forward.cross(new Vec(0, 1, 0)).norm().scale(fov);
  this.up = this.right.cross(this.forward).norm().scale(fov);
}
Camera.prototype.ray = function (u, v) {
  var d = this.forward.add(this.right.scale(u)).add(this.up.scale(v)).norm();
  return new Ray(this.pos, d);
};

function Scene(objects, lights, camera) {
  this.objects = objects; this.lights = lights; this.camera = camera;
  this.background = new Vec(0.1, 0.12, 0.2);
}
Scene.prototype.nearest = function (ray) {
  var best = null;
  for (var i = 0; i < this.objects.length; i++) {
    var h = this.objects[i].intersect(ray);
    if (h !== null && (best === null || h.t < best.t)) best = h;
  }
  return best;
};
Scene.prototype.shadowed = function (point, toLight, dist) {
  var ray = new Ray(point, toLight);
  for (var i = 0; i < this.objects.length; i++) {
    var h = this.objects[i].intersect(ray);
    if (h !== null && h.t < dist) return true;
  }
  return false;
};
Scene.prototype.trace = function (ray, depth) {
  var hit = this.nearest(ray);
  if (hit === null) return this.background;
  var m = hit.material;
  var base = m.surface.colorAt(hit.point);
  var color = base.scale(m.ambient);
  for (var i = 0; i < this.lights.length; i++) {
    var light = this.lights[i];
    var l = light.pos.sub(hit.point);
    var dist = l.length();
    l = l.scale(1 / dist);
    if (this.shadowed(hit.point, l, dist)) continue;
    var diff = hit.normal.dot(l);
    if (diff > 0) color = color.add(base.mul(light.color).scale(diff * m.diffuse));
    var refl = l.sub(hit.normal.scale(2 * diff));
    var spec = refl.dot(ray.dir);
    if (spec > 0) color = color.add(light.color.scale(Math.pow(spec, m.shine) * m.specular));
  }
  if (depth < 3 && m.reflect > 0) {
    var r = ray.dir.sub(hit.normal.scale(2 * hit.normal.dot(ray.dir)));
    color = color.add(this.trace(new Ray(hit.point, r), depth + 1).scale(m.reflect));
  }
  return color;
};

function makeScene() {
  var shiny = { surface: new Solid(new Vec(0.9, 0.2, 0.2)), ambient: 0.1, diffuse: 0.7, specular: 0.5, shine: 20, reflect: 0.3 };
  var matte = { surface: new Solid(new Vec(0.2, 0.8, 0.3)), ambient: 0.1, diffuse: 0.9, specular: 0.1, shine: 5, reflect: 0 };
  var mirror = { surface: new Solid(new Vec(0.9, 0.9, 0.9)), ambient: 0.05, diffuse: 0.2, specular: 0.9, shine: 50, reflect: 0.7 };
  var floor = { surface: new Checker(new Vec(1, 1, 1), new Vec(0.1, 0.1, 0.1), 1.5), ambient: 0.1, diffuse: 0.8, specular: 0.2, shine: 10, reflect: 0.2 };
  var objects = [new Plane(new Vec(0, 1, 0), -1, floor)];
  for (var i = 0; i < 5; i++) {
    var a = i * 1.2566;
    objects.push(new Sphere(new Vec(Math.cos(a) * 3, 0.2 + (i % 2) * 0.6, Math.sin(a) * 3 + 6),
                            0.8 + (i % 3) * 0.2, [shiny, matte, mirror][i % 3]));
  }
  objects.push(new Sphere(new Vec(0, 0.5, 6), 1.2, mirror));
  var lights = [{ pos: new Vec(-5, 8, 0), color: new Vec(0.8, 0.8, 0.8) },
                { pos: new Vec(6, 5, 2), color: new Vec(0.4, 0.4, 0.6) }];
  return new Scene(objects, lights, new Camera(new Vec(0, 2.5, -2), new Vec(0, 0.5, 6), 0.9));
}

function render(scene, w, h) {
  var sum = 0;
  for (var y = 0; y < h; y++) {
    for (var x = 0; x < w; x++) {
      var c = scene.trace(scene.camera.ray((x - w / 2) / w, (h / 2 - y) / h), 0);
      var r = Math.min(255, Math.floor(c.x * 255)), g = Math.min(255, Math.floor(c.y * 255)),
          b = Math.min(255, Math.floor(c.z * 255));
      sum = (sum * 31 + r * 65536 + g * 256 + b) % 1000000007;
    }
  }
  return sum;
}

var scene = makeScene();
var N = 260;
log('oo-float: checksum ' + render(scene, N, N));
