import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';

/**
 * Characters no text a person types into the admin API needs, and that
 * make stored text lie when it is shown:
 * - control characters (NUL, escape sequences that repaint a terminal; tab,
 *   line feed and carriage return stay, for text written on several lines);
 * - format characters (Unicode's Cf): the bidirectional overrides,
 *   embeddings, isolates and marks that reorder what a console or an audit
 *   view displays (Trojan Source, CVE-2021-42574), and the invisible ones
 *   that make two different texts look the same (`grant-a` and
 *   `grant\u200B-a`): zero-width space, word joiner, soft hyphen, tag
 *   characters, interlinear annotations, the byte-order mark …; except the
 *   zero-width joiner and non-joiner (Arabic-script Uyghur and other scripts
 *   written in China need them) and the Mongolian vowel separator;
 * - the line and paragraph separators, and the characters that draw
 *   nothing (the combining grapheme joiner, the Hangul and Khmer fillers);
 * - code points Unicode has not assigned.
 * Variation selectors stay (ideographic variants of rare characters in
 * Chinese names), as does the private use area (where local systems put
 * rare characters of names that Unicode lacks).
 */
// Built from a string: the `v` flag (set difference in a class) is newer than the compiler's target, not than Node's.
// eslint-disable-next-line no-misleading-character-class -- each character of the class is matched alone, joiners and combining marks included
const UNPRINTABLE = new RegExp(String.raw`[[\p{Cc}--[\t\n\r]][\p{Cf}--[\u200C\u200D\u180E]]\p{Zl}\p{Zp}\p{Cn}\u034F\u115F\u1160\u17B4\u17B5\u3164\uFFA0]`, 'v');

/**
 * Where an operation carries such a character: the name of the variable
 * holding it, or of the argument whose literal does; null when none does.
 */
export function unprintableText(document: DocumentNode, variables: Readonly<Record<string, unknown>> | undefined): string | null {
  for (const [name, value] of Object.entries(variables ?? {})) {
    // A variable's own name is named back only when it is printable.
    if (UNPRINTABLE.test(name)) return 'variables';
    if (holdsUnprintable(value)) return name;
  }
  let found: string | null = null;
  visit(document, {
    // A variable's default is text the operation carries too.
    VariableDefinition(node) {
      if (found === null && node.defaultValue && hasUnprintableLiteral(node.defaultValue)) found = node.variable.name.value;
    },
    Argument(node) {
      if (found === null && hasUnprintableLiteral(node.value)) found = node.name.value;
    },
  });
  return found;
}

/** Whether a text holds a character no text a person reads needs (UNPRINTABLE): for text that reaches people by another way than the admin API. */
export function hasUnprintable(text: string): boolean {
  return UNPRINTABLE.test(text);
}

/** What a refusal of such text says. */
export const UNPRINTABLE_MESSAGE =
  'text may not contain control characters (other than tab, line feed and carriage return), format characters such as bidirectional overrides, embeddings, isolates and marks or zero-width and tag characters, invisible fillers, line separators, or unassigned code points';

function holdsUnprintable(value: unknown): boolean {
  if (typeof value === 'string') return UNPRINTABLE.test(value);
  if (Array.isArray(value)) return value.some(holdsUnprintable);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, inner]) => UNPRINTABLE.test(key) || holdsUnprintable(inner));
  return false;
}

function hasUnprintableLiteral(node: ValueNode): boolean {
  if (node.kind === Kind.STRING) return UNPRINTABLE.test(node.value);
  if (node.kind === Kind.LIST) return node.values.some(hasUnprintableLiteral);
  if (node.kind === Kind.OBJECT) return node.fields.some((field) => hasUnprintableLiteral(field.value));
  return false;
}
