import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';

/**
 * Characters no text a person types into the admin API needs, and that
 * make stored text lie when it is shown: control characters (NUL, escape
 * sequences that repaint a terminal; tab, line feed and carriage return
 * stay, for reasons written on several lines) and the bidirectional
 * overrides, embeddings, isolates and marks that reorder what a console or
 * an audit view displays (Trojan Source, CVE-2021-42574), and the
 * invisible characters that make two different texts look the same
 * (`grant-a` and `grant\u200B-a`), or a name look like none: zero-width
 * space, word joiner and invisible operators, the byte-order mark, the soft
 * hyphen, the combining grapheme joiner, the Hangul and Khmer fillers, the
 * line and paragraph separators, and the tag characters. Zero-width joiner
 * and non-joiner stay (Arabic-script Uyghur and other scripts written in
 * China need them), as do variation selectors (ideographic variants of rare
 * characters in Chinese names) and the Mongolian vowel separator.
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- matching these characters one by one is this expression's purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]/u;

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
  'text may not contain control characters (other than tab, line feed and carriage return), bidirectional marks, overrides, embeddings and isolates, or invisible characters (zero-width space, soft hyphen, fillers, tag characters, line separators)';

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
