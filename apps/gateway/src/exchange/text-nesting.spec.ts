import { describe, expect, it } from '@jest/globals';
import { textNesting } from './text-nesting.js';

describe('textNesting', () => {
  it('counts braces, brackets and parentheses together, as the parsers descend them', () => {
    expect(textNesting('{ a }', 32)).toBe(1);
    expect(textNesting('{ person(idNumber: "1") { name } }', 32)).toBe(2);
    expect(textNesting('{ a(x: [{ b: [1] }]) { ... on A { c } } }', 32)).toBe(5);
    expect(textNesting(`{ a { ${'... { '.repeat(49)}b${' }'.repeat(49)} } }`, 64)).toBe(51);
  });

  it('does not count brackets in strings, block strings and comments', () => {
    expect(textNesting('{ a(x: "{{{[[[(((\\" {") }', 32)).toBe(2);
    expect(textNesting('{ a(x: """ {{{ \\""" [[[ """) }', 32)).toBe(2);
    expect(textNesting('# {{{{{\n{ a }', 32)).toBe(1);
  });

  it('stops counting past the limit', () => {
    expect(textNesting('['.repeat(1_000_000), 32)).toBe(33);
  });
});
