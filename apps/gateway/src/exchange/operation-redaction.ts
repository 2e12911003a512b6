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
