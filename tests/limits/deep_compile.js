// Source nested far past the native stack: every case is a catchable
// SyntaxError (parser, scope analysis or code generator), never a crash,
// and the engine compiles normally afterwards.
const N = 100000;
const cases = {
    binary: '1' + '+1'.repeat(N),                 // issue 13, first example
    yield: 'function*f(){' + 'yield '.repeat(N) + '}',  // issue 13, second
    logical: 'a' + '&&a'.repeat(N),
    nullish: 'a' + '??a'.repeat(N),
    instanceof: 'a' + ' instanceof a'.repeat(N),
    member: 'a' + '.b'.repeat(N),
    index: 'a' + '[0]'.repeat(N),
    call: 'f' + '()'.repeat(N),
    optional_member: 'a' + '?.b'.repeat(N),
    optional_call: 'a' + '?.()'.repeat(N),
    tagged_template: 'f' + '``'.repeat(N),
    assign: 'a' + '=a'.repeat(N),
    conditional: 'a' + '?a:a'.repeat(N),
    unary: '-'.repeat(N) + '1',
    await: 'async function f(){' + 'await '.repeat(N) + '1}',
    parens: '('.repeat(N) + '1' + ')'.repeat(N),
    array: '['.repeat(N) + ']'.repeat(N),
    object: '({a:'.repeat(N) + '1' + '})'.repeat(N),
    block: '{'.repeat(N) + '}'.repeat(N),
    if: 'if(1)'.repeat(N) + ';',
    arrow: '()=>'.repeat(N) + '1',
    function: 'function f(){'.repeat(N) + '}'.repeat(N),
    template: '`${'.repeat(N) + '1' + '}`'.repeat(N),
    exponent: '2' + '**2'.repeat(N),
    new: 'new '.repeat(N) + 'f',
    pattern: 'var ' + '['.repeat(N) + 'x' + ']'.repeat(N) + '=1',
    class: 'class A extends '.repeat(N) + 'B{}' + '{}'.repeat(N),
    regexp: 'var r = /' + '('.repeat(N) + ')'.repeat(N) + '/',
    regexp_class: 'var r = /' + '['.repeat(N) + ']'.repeat(N) + '/v',
};
for (const name in cases) {
    let result;
    try {
        eval(cases[name]);
        result = 'no error';
    } catch (e) {
        result = e instanceof SyntaxError ? 'SyntaxError' : 'unexpected ' + e;
    }
    console.log(name + ': ' + result);
}
// Also through the Function constructor, a module-like indirect eval,
// and with the nesting built at run time.
try { Function('return ' + '1+'.repeat(N) + '1'); } catch (e) { console.log('Function:', e.name); }
try { (0, eval)('x' + '.y'.repeat(N)); } catch (e) { console.log('indirect eval:', e.name); }
// Chains that fit are still compiled and run.
console.log(eval('1' + '+1'.repeat(5000)));
console.log(eval('"use strict"; var o = {b: 1}; o' + '.b'.repeat(1) + ' + ' + '[1]'.repeat(1) + '[0]'));
console.log('done');
