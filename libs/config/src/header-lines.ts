/**
 * How many lines of a request carry the header `name` (case-insensitive),
 * read from `rawHeaders`: Node keeps only the first of some repeated
 * headers (Authorization, Host) in `headers`, and only the first 1000
 * headers there, while a proxy in front may read another line.
 */
export function headerLines(rawHeaders: readonly string[], name: string): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === name) count += 1;
  }
  return count;
}
