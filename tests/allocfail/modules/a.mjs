import { b } from './b.mjs';
export let a = 'a' + b;
export function bump() { a += '!'; }
