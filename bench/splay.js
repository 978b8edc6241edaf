// A splay tree under constant insertion and deletion: keeps a tree of
// about 20000 nodes, each holding a small payload object graph, and
// repeatedly inserts a random key, finds it, removes the smallest greater
// key or a random one, as a cache or an allocator index would. Exercises
// allocation of many long-lived objects and the collector's old objects.
// Prints a checksum.
'use strict';
var log = typeof print === 'function' ? print : console.log;

function Node(key, value) { this.key = key; this.value = value; this.left = null; this.right = null; }

function SplayTree() { this.root = null; this.size = 0; }
// Top-down splay: brings the node with `key` (or the last node on its
// search path) to the root.
SplayTree.prototype.splay = function (key) {
  if (this.root === null) return;
  var header = new Node(0, null), left = header, right = header, t = this.root;
  for (;;) {
    if (key < t.key) {
      if (t.left === null) break;
      if (key < t.left.key) {
        var y = t.left; t.left = y.right; y.right = t; t = y;
        if (t.left === null) break;
      }
      right.left = t; right = t; t = t.left;
    } else if (key > t.key) {
      if (t.right === null) break;
      if (key > t.right.key) {
        var z = t.right; t.right = z.left; z.left = t; t = z;
        if (t.right === null) break;
      }
      left.right = t; left = t; t = t.right;
    } else break;
  }
  left.right = t.left; right.left = t.right;
  t.left = header.right; t.right = header.left;
  this.root = t;
};
SplayTree.prototype.insert = function (key, value) {
  if (this.root === null) { this.root = new Node(key, value); this.size = 1; return true; }
  this.splay(key);
  if (this.root.key === key) return false;
  var n = new Node(key, value);
  if (key > this.root.key) { n.left = this.root; n.right = this.root.right; this.root.right = null; }
  else { n.right = this.root; n.left = this.root.left; this.root.left = null; }
  this.root = n; this.size++;
  return true;
};
SplayTree.prototype.find = function (key) {
  if (this.root === null) return null;
  this.splay(key);
  return this.root.key === key ? this.root : null;
};
SplayTree.prototype.remove = function (key) {
  if (this.find(key) === null) return null;
  var removed = this.root;
  if (this.root.left === null) this.root = this.root.right;
  else {
    var right = this.root.right;
    this.root = this.root.left;
    this.splay(key);             // the largest key of the left subtree comes up
    this.root.right = right;
  }
  this.size--;
  return removed;
};
SplayTree.prototype.findGreaterThan = function (key) {
  if (this.root === null) return null;
  this.splay(key);
  if (this.root.key > key) return this.root;
  if (this.root.right === null) return null;
  var n = this.root.right;
  while (n.left !== null) n = n.left;
  return n;
};
SplayTree.prototype.depthSum = function () {
  var stack = [this.root, 0], sum = 0;
  while (stack.length) {
    var d = stack.pop(), n = stack.pop();
    if (n === null) continue;
    sum += d;
    stack.push(n.left, d + 1, n.right, d + 1);
  }
  return sum;
};

var seed = 49734321;
function random() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }

function payload(depth, key) {
  if (depth === 0) return { array: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], text: 'String for key ' + key };
  return { left: payload(depth - 1, key), right: payload(depth - 1, key) };
}

function insertNew(tree) {
  var key;
  do key = random(); while (tree.find(key) !== null);
  tree.insert(key, payload(4, key));
  return key;
}

var tree = new SplayTree(), check = 0;
for (var i = 0; i < 8000; i++) insertNew(tree);
for (var round = 0; round < 20; round++) {
  for (var j = 0; j < 1000; j++) {
    var key = insertNew(tree);
    var g = tree.findGreaterThan(key);
    var victim = g === null ? tree.remove(key) : tree.remove(g.key);
    if (victim === null) throw new Error('remove failed');
    check = (check + victim.value.left.left.right.left.array.length) % 1000003;
  }
}
check += tree.size + (tree.depthSum() > 0 ? 1 : 0);
log('splay: checksum ' + check + ' size ' + tree.size);
