import { Kind, print, visit, type DocumentNode, type StringValueNode } from 'graphql';

/** What a caller's literal value is stored as. */
export const REDACTED = '[redacted]';
/** Numbers of this many digits or more can be identity or phone numbers (an ID argument takes an Int literal too). */
const LONG_NUMBER = /^-?\d{7,}/;

const redacted: StringValueNode = { kind: Kind.STRING, value: REDACTED, block: false };

/**
 * The operation as the ledger stores it: its shape — fields, aliases,
 * arguments, variables, fragments — with the values a caller wrote inline
 * replaced: every string literal, and every number long enough to be an
 * identity or phone number. `person(idNumber: "1101…")` is stored as
 * `person(idNumber: "[redacted]")`: like the variables (of which only a
 * hash is kept), the values a caller looks up by stay out of the ledger's
 * stored text. Enums, booleans and short numbers (page sizes) remain.
 */
export function redactedOperation(document: DocumentNode): string {
  return print(
    visit(document, {
      StringValue: () => redacted,
      IntValue: (node) => (LONG_NUMBER.test(node.value) ? redacted : undefined),
      FloatValue: (node) => (LONG_NUMBER.test(node.value) ? redacted : undefined),
    }),
  );
}

/** The same for text that did not even parse: quoted strings and long digit runs replaced. */
export function redactedText(text: string): string {
  return text
    .replace(/"""[\s\S]*?(?:"""|$)/g, `"${REDACTED}"`)
    .replace(/"(?:[^"\\\n]|\\.)*(?:"|$)/gm, `"${REDACTED}"`)
    .replace(/\d{7,}/g, REDACTED);
}

/**
 * Variables as the ledger keeps them for admin requests (whose arguments
 * auditors need: which grant, which filter): every run of seven or more
 * digits in a string, and every such number, replaced, as are the literals
 * of an operation passed as a string (simulate's). A search by ID or phone
 * number keeps its shape, not the number.
 */
export function redactedVariables(value: unknown): unknown {
  if (typeof value === 'string') return /[{}]/.test(value) ? redactedText(value) : value.replace(/\d{7,}/g, REDACTED);
  if (typeof value === 'number') return LONG_NUMBER.test(String(Math.trunc(value))) ? REDACTED : value;
  if (Array.isArray(value)) return value.map(redactedVariables);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactedVariables(inner)]));
  return value;
}
