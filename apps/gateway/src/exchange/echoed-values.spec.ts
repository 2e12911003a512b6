import { getVariableValues, parse, buildSchema, type OperationDefinitionNode } from 'graphql';
import { boundedEcho } from './echoed-values.js';

const schema = buildSchema('type Query { person(idNumber: String!, n: Int): String }');

function variableError(variables: Record<string, unknown>): string {
  const operation = parse('query($id: String!, $n: Int) { person(idNumber: $id, n: $n) }').definitions[0] as OperationDefinitionNode;
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (!result.errors) throw new Error('expected a coercion error');
  return result.errors[0].message;
}

describe('boundedEcho', () => {
  it('keeps a message that quotes little as it is', () => {
    const message = variableError({ id: 'x', n: 'seven' });
    expect(boundedEcho(message)).toBe(message);
    expect(message).toContain('"seven"');
  });

  it('quotes only the start of a long value and says how long it was', () => {
    const long = 'A'.repeat(24_000);
    const message = variableError({ id: 'x', n: long });
    expect(message.length).toBeGreaterThan(48_000); // graphql-js quotes it twice
    const bounded = boundedEcho(message);
    expect(bounded.length).toBeLessThan(300);
    expect(bounded).toContain(`"${'A'.repeat(32)}…" (24000 characters)`);
    expect(bounded.startsWith('Variable "$n" got invalid value "AAAA')).toBe(true);
  });

  it('reads a message once: an unterminated run of escaped quotes 64 KB long is bounded like any other', () => {
    const bounded = boundedEcho(`Variable "$n" got invalid value { "${'\\"'.repeat(32_000)}\\`);
    expect(bounded.length).toBeLessThan(200);
    expect(bounded).toContain('(64000 characters)');
  });

  it('counts escapes as written and never leaves more than the maximum', () => {
    const bounded = boundedEcho(`Variable "$o" got invalid value { ${Array.from({ length: 2_000 }, (_, i) => `k${i}: ${i}`).join(', ')} }`);
    expect(bounded.length).toBeLessThanOrEqual(1_000);
    expect(bounded.endsWith('…')).toBe(true);
    expect(boundedEcho(`value "${'\\"'.repeat(70)}"`)).toBe(`value "${'\\"'.repeat(16)}…" (140 characters)`);
  });
});
