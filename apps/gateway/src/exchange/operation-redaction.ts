import { Kind, print, visit, type DocumentNode, type StringValueNode } from 'graphql';

/** What a caller's literal value is stored as. */
export const REDACTED = '[redacted]';
/** Numbers of this many digits or more can be identity or phone numbers (an ID argument takes an Int literal too). */
const LONG_NUMBER = /^-?\d{7,}/;
/** A word with a run of seven or more digits: an ID, phone or unified social credit code (91110108MA01…), whole. */
const IDENTIFIER_WORD = /[0-9A-Za-z]*\d{7,}[0-9A-Za-z]*/g;

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
      // Names a caller chooses (operation, alias, fragment, variable) can carry an identifier too: `query Q110105…`.
      Name: (node) => {
        const value = redactedName(node.value);
        return value === node.value ? undefined : { ...node, value };
      },
      StringValue: () => redacted,
      IntValue: (node) => (LONG_NUMBER.test(node.value) ? redacted : undefined),
      FloatValue: (node) => (LONG_NUMBER.test(node.value) ? redacted : undefined),
    }),
  );
}

/** What a name or response path is stored as: a word with a run of seven or more digits replaced (`p110105…` → `REDACTED`, still a name). */
export function redactedName(name: string): string {
  return name.replace(IDENTIFIER_WORD, 'REDACTED');
}

/** The same for text that did not even parse: quoted strings and long digit runs replaced. */
export function redactedText(text: string): string {
  return text
    .replace(/"""[\s\S]*?(?:"""|$)/g, `"${REDACTED}"`)
    .replace(/"(?:[^"\\\n]|\\.)*(?:"|$)/gm, `"${REDACTED}"`)
    .replace(IDENTIFIER_WORD, REDACTED);
}

/**
 * Variables as the ledger keeps them for admin requests (whose arguments
 * auditors need: which grant, which filter), and for exchanges where
 * CAUSEWAY_LEDGER_RECORD_VARIABLES asks for them: every word with a run of
 * seven or more digits in a string, and every such number, replaced, as
 * are the literals of an operation passed as a string (simulate's). A
 * search by ID, phone or credit code keeps its shape, not the identifier.
 */
export function redactedVariables(value: unknown): unknown {
  if (typeof value === 'string') return /[{}]/.test(value) ? redactedText(value) : value.replace(IDENTIFIER_WORD, REDACTED);
  if (typeof value === 'number') return LONG_NUMBER.test(String(Math.trunc(value))) ? REDACTED : value;
  if (Array.isArray(value)) return value.map(redactedVariables);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [redactedName(key), redactedVariables(inner)]));
  return value;
}
