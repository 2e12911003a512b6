import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';

/**
 * Characters no text a person types into the admin API needs, and that
 * make stored text lie when it is shown: control characters (NUL, escape
 * sequences that repaint a terminal; tab, line feed and carriage return
 * stay, for reasons written on several lines) and the bidirectional
 * overrides, embeddings, isolates and marks that reorder what a console or
 * an audit view displays (Trojan Source, CVE-2021-42574), and the
 * invisible characters that make two different texts look the same
 * (`grant-a` and `grant\u200B-a`): zero-width space, word joiner and
 * invisible operators, the byte-order mark. Zero-width joiner and
 * non-joiner stay: Arabic-script Uyghur and other scripts written in China
 * need them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this expression's purpose
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

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
  'text may not contain control characters (other than tab, line feed and carriage return), bidirectional marks, overrides, embeddings and isolates, or invisible characters (zero-width space, word joiner, byte-order mark)';

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
