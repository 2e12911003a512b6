import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { REDACTED, redactedName, redactedOperation, redactedText, redactedVariables } from './operation-redaction.js';

describe('operations as the ledger stores them', () => {
  it('keep their shape and lose the values a caller wrote inline', () => {
    const stored = redactedOperation(
      parse(
        'query Q($n: Int = 5) { a: person(idNumber: "110101199003071234") { name @include(if: true) } b: person(idNumber: 110101199003071234) { name } people(first: 20, after: """cursor""") { totalCount } }',
      ),
    );
    expect(stored).not.toContain('110101199003071234');
    expect(stored).not.toContain('cursor');
    expect(stored).toContain(`a: person(idNumber: "${REDACTED}")`);
    expect(stored).toContain(`b: person(idNumber: "${REDACTED}")`);
    expect(stored).toContain(`people(first: 20, after: "${REDACTED}")`);
    expect(stored).toContain('query Q($n: Int = 5)');
    expect(stored).toContain('@include(if: true)');
  });

  it('lose identifiers a caller put in the names it chooses: operation, aliases, fragments, variables', () => {
    const stored = redactedOperation(
      parse(
        'query Q110101199003071234($v11010119900307123X: String) { p110101199003071234: person(idNumber: $v11010119900307123X) { ...F91110107730810128B } } fragment F91110107730810128B on Person { name }',
      ),
    );
    expect(stored).not.toMatch(/1101011990|91110107730810128/);
    expect(stored).toContain('query REDACTED($REDACTED: String)');
    expect(stored).toContain('REDACTED: person(idNumber: $REDACTED)');
    expect(stored).toContain('fragment REDACTED on Person');
    // Schema names and short numbers stay.
    expect(redactedName('people_2026.name')).toBe('people_2026.name');
    expect(redactedName('a.p13800138000.name')).toBe('a.REDACTED.name');
  });

  it('text that did not parse loses quoted strings and long digit runs, unterminated ones included', () => {
    const stored = redactedText('{ person(idNumber: "110101199003071234") { name } phone: x(n: 13800138000) y(s: "unterminated 1101');
    expect(stored).not.toMatch(/1101011990|13800138000|unterminated/);
    expect(stored).toContain('{ person(idNumber: ');
  });

  it('keeps the shape of admin variables, not the numbers or inline literals in them', () => {
    const stored = redactedVariables({
      filter: { system: 'civil-affairs.subsidy-review', from: '2026-11-01T00:00:00Z', subject: '11010119900307123X', creditCode: '91110107730810128B', phone: 13800138000 },
      first: 20,
      k13800138000: 1,
      operation: '{ person(idNumber: "110101199003071234") { name } }',
      targets: ['Person.name'],
    });
    expect(stored).toEqual({
      filter: { system: 'civil-affairs.subsidy-review', from: '2026-11-01T00:00:00Z', subject: REDACTED, creditCode: REDACTED, phone: REDACTED },
      first: 20,
      REDACTED: 1,
      operation: `{ person(idNumber: "${REDACTED}") { name } }`,
      targets: ['Person.name'],
    });
  });
});
