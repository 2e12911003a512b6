/**
 * How deeply an operation's text nests brackets — `{`, `[` and `(` —
 * outside strings and comments, read before anything parses it. Parsers
 * descend one call per level: graphql-js runs out of stack on a few
 * thousand nested list values (a RangeError it reports as a syntax error),
 * and the Hive planner's parser stops at about fifty nested selection sets
 * (an internal error). A text nested deeper than the limit is refused
 * before either sees it. Stops counting at `limit + 1`.
 */
export function textNesting(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === HASH) {
      // A comment runs to the end of its line.
      while (i < text.length && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
    } else if (char === QUOTE) {
      i = text.startsWith('"""', i) ? endOfBlockString(text, i + 3) : endOfString(text, i + 1);
    } else if (char === OPEN_BRACE || char === OPEN_BRACKET || char === OPEN_PAREN) {
      depth++;
      if (depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET || char === CLOSE_PAREN) {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** The index of the quote that closes a string whose content starts at `i` (escapes skipped), or the text's end. */
function endOfString(text: string, i: number): number {
  for (; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === BACKSLASH) i++;
    else if (char === QUOTE || char === LF || char === CR) return i;
  }
  return i;
}

/** The index of the last quote closing a block string whose content starts at `i` (`\"""` escaped), or the text's end. */
function endOfBlockString(text: string, i: number): number {
  for (; i < text.length; i++) {
    if (text.startsWith('\\"""', i)) i += 3;
    else if (text.startsWith('"""', i)) return i + 2;
  }
  return i;
}

const HASH = 0x23;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
