/** How much of a value a caller sent an error message may quote back. */
const QUOTED_STRING_MAX = 64;
/** The longest message an error carries; what is past it is cut. */
const MESSAGE_MAX = 1_000;

/** A double-quoted JSON string of QUOTED_STRING_MAX characters or more (escapes counted as written). */
const LONG_STRING = new RegExp(`"((?:[^"\\\\]|\\\\.){${QUOTED_STRING_MAX},})"`, 'g');

/**
 * An error message with what it quotes of the caller's input bounded.
 * graphql-js quotes an invalid variable's value whole in its message
 * (`Variable "$id" got invalid value "…"`; a string of 24 KB came back as
 * 24 KB): a long quoted string keeps its first characters and says how long
 * it was, and the message as a whole is cut at MESSAGE_MAX characters.
 */
export function boundedEcho(message: string): string {
  const quoted = message.replace(
    LONG_STRING,
    (_whole, body: string) =>
      `"${Array.from(body)
        .slice(0, QUOTED_STRING_MAX / 2)
        .join('')}…" (${body.length} characters)`,
  );
  if (quoted.length <= MESSAGE_MAX) return quoted;
  return `${Array.from(quoted.slice(0, MESSAGE_MAX)).slice(0, -1).join('')}…`;
}
