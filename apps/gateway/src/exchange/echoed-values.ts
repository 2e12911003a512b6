/** How much of a value a caller sent an error message may quote back. */
const QUOTED_STRING_MAX = 64;
/** The longest message an error carries; what is past it is cut. */
const MESSAGE_MAX = 1_000;

/**
 * A double-quoted string, to its closing quote or the end of the message.
 * It matches wherever it starts, so a message is read once: a pattern that
 * demands the closing quote backtracks from every quote of an unterminated
 * run (seconds on 64 KB).
 */
const QUOTED = /"((?:[^"\\]|\\[\s\S])*)(?:"|\\?$)/g;

/**
 * An error message with what it quotes of the caller's input bounded.
 * graphql-js quotes an invalid variable's value whole in its message
 * (`Variable "$id" got invalid value "…"`; a string of 24 KB came back as
 * 24 KB): a long quoted string keeps its first characters and says how many
 * characters it was written with (escapes as written), and the message as a
 * whole is cut at MESSAGE_MAX characters.
 */
export function boundedEcho(message: string): string {
  const quoted = message.replace(QUOTED, (whole, body: string) =>
    body.length < QUOTED_STRING_MAX
      ? whole
      : `"${Array.from(body.slice(0, QUOTED_STRING_MAX))
          .slice(0, QUOTED_STRING_MAX / 2)
          .join('')}…" (${body.length} characters)`,
  );
  if (quoted.length <= MESSAGE_MAX) return quoted;
  return `${Array.from(quoted.slice(0, MESSAGE_MAX)).slice(0, -1).join('')}…`;
}
