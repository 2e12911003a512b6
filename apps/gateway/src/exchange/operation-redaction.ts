import { Kind, print, visit, type DocumentNode, type StringValueNode } from 'graphql';
import { parseInstant } from '#config';

/** What a caller's literal value is stored as. */
export const REDACTED = '[redacted]';
/** What a name the caller chose is stored as when it can carry an identifier (numbered within a document: `REDACTED_1`). */
const REDACTED_NAME = 'REDACTED';
/** Numbers of this many digits or more can be identity or phone numbers (an ID argument takes an Int literal too). */
const LONG_NUMBER = /^-?\d{7,}/;
/** Words of text: an ID, phone or unified social credit code (91110108MA01…) is one of them, whole (in any script's digits). */
const WORD = /[\p{L}\p{Nd}]+/gu;
const SEVEN_DIGITS = /\p{Nd}{7}/u;
/** The longest operation name a record keeps. */
const NAME_MAX = 256;

const redacted: StringValueNode = { kind: Kind.STRING, value: REDACTED, block: false };

/**
 * Every word with a run of seven or more digits replaced by `by`. Word by
 * word, in one pass: a pattern that looks for the run inside a word
 * (`[0-9A-Za-z]*\d{7,}[0-9A-Za-z]*`) backtracks over every start in a long
 * word, seconds for one 64 KB name.
 */
function withoutIdentifiers(text: string, by: string): string {
  return text.replace(WORD, (word) => (SEVEN_DIGITS.test(word) ? by : word));
}

/**
 * A value an unverified caller wrote (a refused token's issuer, subject,
 * token id; a purpose nobody granted) as a record keeps it: whole when it
 * has the shape such values have — printable ASCII without spaces, fewer
 * than seven digits however split (`1101-0519-…`, `1101 0519 …`,
 * `%31%31…` are one ID number) once UUIDs are set aside (a token id, a
 * tenant in an issuer's URL: evidence of which token it was, and no
 * person's) — else REDACTED whole: a name or a number in it is the
 * caller's to write and never the ledger's to keep.
 */
export function redactedClaim(text: string): string {
  const rest = text.replace(UUIDS, '');
  return /^[\x21-\x7e]*$/.test(rest) && !carriesIdentifier(rest) ? text : REDACTED;
}

const UUIDS = /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/g;

/**
 * A URL a person asked for, as a record keeps it: each path segment, query
 * parameter name and value that holds seven digits or more however written
 * (split, percent-encoded) replaced by REDACTED, an ISO 8601 instant (an
 * export's bounds) excepted.
 */
export function redactedUrl(url: string): string {
  const at = url.indexOf('?');
  const keep = (part: string, instant: boolean) => {
    const plain = decoded(part);
    return carriesIdentifier(plain) && !(instant && parseInstant(plain) !== null) ? REDACTED : part;
  };
  const path = (at < 0 ? url : url.slice(0, at))
    .split('/')
    .map((segment) => keep(segment, false))
    .join('/');
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? keep(pair, false) : `${keep(pair.slice(0, eq), false)}=${keep(pair.slice(eq + 1), true)}`;
    });
  return `${path}?${query.join('&')}`;
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part.replaceAll('+', ' '));
  } catch {
    // Not percent-encoding: its digits are counted as written.
    return part;
  }
}

/** Whether a name a caller chose can carry an identifier: seven digits or more in it, however split (`p_1101_0119_9003`), in any script's digits (full-width `１１０…` too). */
function carriesIdentifier(name: string): boolean {
  let digits = 0;
  for (const char of name) if ((char >= '0' && char <= '9') || (char > '\x7f' && DIGIT.test(char))) if (++digits >= 7) return true;
  return false;
}

const DIGIT = /^\p{Nd}$/u;

/**
 * The names a caller chose in a document that can carry an identifier
 * (operation, aliases, fragments, variables: `query Q110105…`), each with
 * what it is stored as, numbered in the order they appear so that the
 * stored document stays valid (two redacted aliases stay two).
 */
export function nameRedactions(document: DocumentNode): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  visit(document, {
    Name: (node) => {
      if (!names.has(node.value) && carriesIdentifier(node.value)) names.set(node.value, `${REDACTED_NAME}_${names.size + 1}`);
    },
  });
  return names;
}

/**
 * The operation as the ledger stores it: its shape — fields, aliases,
 * arguments, variables, fragments — with the values a caller wrote inline
 * replaced: every string literal, and every number long enough to be an
 * identity or phone number. `person(idNumber: "1101…")` is stored as
 * `person(idNumber: "[redacted]")`: like the variables (of which only a
 * hash is kept), the values a caller looks up by stay out of the ledger's
 * stored text. Enums, booleans and short numbers (page sizes) remain, and
 * so do names, except those that can carry an identifier (nameRedactions).
 */
export function redactedOperation(document: DocumentNode, names: ReadonlyMap<string, string> = nameRedactions(document)): string {
  return print(
    visit(document, {
      Name: (node) => {
        const value = names.get(node.value);
        return value === undefined ? undefined : { ...node, value };
      },
      StringValue: () => redacted,
      IntValue: (node) => (LONG_NUMBER.test(node.value) ? redacted : undefined),
      FloatValue: (node) => (LONG_NUMBER.test(node.value) ? redacted : undefined),
    }),
  );
}

/** A name the caller chose as a record keeps it: as its document's redactions store it, else whole unless it can carry an identifier; at most NAME_MAX characters. */
export function redactedName(name: string, names: ReadonlyMap<string, string> = new Map()): string {
  return names.get(name) ?? (carriesIdentifier(name) ? REDACTED_NAME : name.slice(0, NAME_MAX));
}

/** A response path (`who.name`) as a record keeps it: each response key as redactedName stores it. */
export function redactedPath(path: readonly string[], names: ReadonlyMap<string, string> = new Map()): string {
  return path.map((key) => redactedName(key, names)).join('.');
}

/**
 * Whether a response path a caller gives (as its answer had it) is the
 * stored `path`: equal, or equal but where the caller's key can carry an
 * identifier and the stored one is a redacted name.
 */
export function samePath(stored: string, given: string): boolean {
  if (stored === given) return true;
  const storedKeys = stored.split('.');
  const givenKeys = given.split('.');
  return storedKeys.length === givenKeys.length && storedKeys.every((key, i) => key === givenKeys[i] || (carriesIdentifier(givenKeys[i]!) && /^REDACTED(?:_\d+)?$/.test(key)));
}

/** The same for text that did not even parse: quoted strings and long digit runs replaced. */
export function redactedText(text: string): string {
  return withoutIdentifiers(text.replace(/"""[\s\S]*?(?:"""|$)/g, `"${REDACTED}"`).replace(/"(?:[^"\\\n]|\\.)*(?:"|$)/gm, `"${REDACTED}"`), REDACTED);
}

/**
 * Variables as the ledger keeps them for admin requests (whose arguments
 * auditors need: which grant, which filter), and for exchanges where
 * CAUSEWAY_LEDGER_RECORD_VARIABLES asks for them: strings kept only in the
 * shape identifiers, codes and instants have (redactedClaim: a reason, a
 * name or any text with spaces, and anything with seven digits or more
 * however split, is replaced whole; its keyed hash is the variables'
 * hash), every number of seven digits or more replaced, as are the
 * literals of an operation passed as a string (simulate's), and member
 * names that can carry an identifier (numbered, so that none is lost). A
 * search by ID, phone or credit code keeps its shape, not the identifier;
 * what people wrote is kept where they wrote it (the governance tables),
 * not in the ledger's text.
 */
export function redactedVariables(value: unknown): unknown {
  if (typeof value === 'string') return /[{}]/.test(value) ? redactedText(value) : parseInstant(value) !== null ? value : redactedClaim(value);
  if (typeof value === 'number') return LONG_NUMBER.test(String(Math.trunc(value))) ? REDACTED : value;
  if (Array.isArray(value)) return value.map(redactedVariables);
  if (value && typeof value === 'object') {
    const members = Object.entries(value);
    const taken = new Set(members.map(([key]) => key));
    let numbered = 0;
    return Object.fromEntries(
      members.map(([key, inner]) => {
        let name = key;
        if (carriesIdentifier(key))
          do name = `${REDACTED_NAME}_${++numbered}`;
          while (taken.has(name));
        return [name, redactedVariables(inner)];
      }),
    );
  }
  return value;
}
