import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { nameRedactions, REDACTED, redactedName, redactedOperation, redactedPath, redactedText, redactedUrl, redactedVariables, redactedClaim, samePath } from './operation-redaction.js';

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

  it('lose identifiers a caller put in the names it chooses: operation, aliases, fragments, variables, each numbered', () => {
    const document = parse(
      'query Q110101199003071234($v11010119900307123X: String, $w: String) { p110101199003071234: person(idNumber: $v11010119900307123X) { ...F91110107730810128B } q_1101_0119_9003: person(idNumber: $w) { name } } fragment F91110107730810128B on Person { name }',
    );
    const names = nameRedactions(document);
    const stored = redactedOperation(document, names);
    expect(stored).not.toMatch(/1101011990|91110107730810128|1101_0119/);
    expect(stored).toContain('query REDACTED_1($REDACTED_2: String, $w: String)');
    expect(stored).toContain('REDACTED_3: person(idNumber: $REDACTED_2)');
    expect(stored).toContain('REDACTED_5: person(idNumber: $w)');
    expect(stored).toContain('fragment REDACTED_4 on Person');
    // Still one valid document: two redacted aliases stay two.
    expect(validate(buildSchema('type Query { person(idNumber: String): Person } type Person { name: String }'), parse(stored))).toEqual([]);
    // The record's name and paths say what the stored document says.
    expect(redactedName('Q110101199003071234', names)).toBe('REDACTED_1');
    expect(redactedPath(['p110101199003071234', 'name'], names)).toBe('REDACTED_3.name');
    // Schema names and short numbers stay; a name not in the document is redacted whole, a long one cut.
    expect(redactedPath(['people_2026', 'name'])).toBe('people_2026.name');
    expect(redactedName('a13800138000')).toBe('REDACTED');
    expect(redactedName('x'.repeat(60_000))).toHaveLength(256);
  });

  it('a caller names a stored path as its answer had it', () => {
    expect(samePath('REDACTED_3.name', 'p110101199003071234.name')).toBe(true);
    expect(samePath('who.name', 'who.name')).toBe(true);
    expect(samePath('REDACTED_3.name', 'who.name')).toBe(false);
    expect(samePath('REDACTED_3.name', 'p110101199003071234.name.x')).toBe(false);
  });

  it('reads a long name once: a 64 KB word of letters and digits is redacted in one pass', () => {
    const word = 'a123456'.repeat(9_000);
    expect(redactedText(`{ ${word} }`)).toBe(`{ ${word} }`);
    expect(redactedText(`{ ${word} 1101011990030712 }`)).toBe(`{ ${word} ${REDACTED} }`);
    // A variable's text is kept only in an identifier's shape: this one is replaced whole.
    expect(redactedVariables({ q: `${word}${word}` })).toEqual({ q: REDACTED });
  });

  it('text that did not parse loses quoted strings and long digit runs, unterminated ones included', () => {
    const stored = redactedText('{ person(idNumber: "110101199003071234") { name } phone: x(n: 13800138000) y(s: "unterminated 1101');
    expect(stored).not.toMatch(/1101011990|13800138000|unterminated/);
    expect(stored).toContain('{ person(idNumber: ');
  });

  it("a refused token's claims are kept only in the shape such values have: an identifier however split, or a name, is not", () => {
    for (const hostile of [
      's110105197706270614',
      '1101-0519-7706-2706-31',
      '1101 0519 7706 2706 32',
      '139-0013-9031',
      '%31%31%30%31%30%35%31',
      '王芳',
      'https://idp.example/110105197706270614/x',
    ]) {
      expect([hostile, redactedClaim(hostile)]).toEqual([hostile, '[redacted]']);
    }
    // UUIDs are evidence of which token it was, and no person's: kept whole.
    for (const kept of ['civil-affairs.subsidy-review', '12345678-1234-4234-8234-123456789012', 'https://login.example/12345678-1234-4234-8234-123456789012/v2.0', 'j-2026']) {
      expect(redactedClaim(kept)).toBe(kept);
    }
  });

  it('a URL asked for keeps its shape and an export’s bounds, not an identifier in a segment or parameter however encoded', () => {
    expect(redactedUrl('/admin/ledger/export?from=2026-11-01T00:00:00.000Z&to=2026-12-01&format=csv')).toBe('/admin/ledger/export?from=2026-11-01T00:00:00.000Z&to=2026-12-01&format=csv');
    expect(redactedUrl('/admin/ledger/export?from=%31%31%30%31%30%35%31%39%37%37%30%36%32%37%30%36%33%35')).toBe('/admin/ledger/export?from=[redacted]');
    expect(redactedUrl('/admin/ledger/export?q=1101-0519-7706&x%31%32%33%34%35%36%37=1')).toBe('/admin/ledger/export?q=[redacted]&[redacted]=1');
    expect(redactedUrl('/admin/people/110105197706270614/x')).toBe('/admin/people/[redacted]/x');
    expect(redactedUrl('/admin/ledger/export?from=1101-05-19T77:06:27')).toBe('/admin/ledger/export?from=[redacted]');
  });

  it('keeps the shape of admin variables, not the numbers or inline literals in them', () => {
    const stored = redactedVariables({
      filter: { system: 'civil-affairs.subsidy-review', from: '2026-11-01T00:00:00Z', subject: '11010119900307123X', creditCode: '91110107730810128B', phone: 13800138000 },
      first: 20,
      k13800138000: 1,
      k13800138001: 2,
      REDACTED_1: 3,
      operation: '{ person(idNumber: "110101199003071234") { name } }',
      targets: ['Person.name'],
    });
    expect(stored).toEqual({
      filter: { system: 'civil-affairs.subsidy-review', from: '2026-11-01T00:00:00Z', subject: REDACTED, creditCode: REDACTED, phone: REDACTED },
      first: 20,
      REDACTED_2: 1,
      REDACTED_3: 2,
      REDACTED_1: 3,
      operation: `{ person(idNumber: "${REDACTED}") { name } }`,
      targets: ['Person.name'],
    });
    // What people write is not kept: a reason with a name, an ID number split or in full-width digits, a phone with spaces.
    expect(
      redactedVariables({
        id: 'app-7',
        reason: '申请人张三丰 身份证 1101-0519-7706-2706-14',
        after: '1101 0519 7706 2706 14',
        exchangeId: '１１０１０５１９７７０６２７０６１４',
        evidence: 'tel +86-138-0013-8000',
        name: '李小龙',
        validUntil: '2027-01-01T00:00:00+08:00',
      }),
    ).toEqual({ id: 'app-7', reason: REDACTED, after: REDACTED, exchangeId: REDACTED, evidence: REDACTED, name: REDACTED, validUntil: '2027-01-01T00:00:00+08:00' });
  });
});
