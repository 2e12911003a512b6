/**
 * A value with every string and member name made well-formed Unicode: an
 * unpaired surrogate (half a UTF-16 character; JSON's `\ud800` escape
 * decodes to one) replaced by U+FFFD, as String.prototype.toWellFormed
 * does. An entry carries text from outside the gateway — an
 * unauthenticated caller's token claims, an operation name — and canonical
 * JSON (RFC 8785), UTF-8 columns and hashes have no form for half a
 * character: a record the ledger cannot write would refuse every exchange
 * queued behind it. Returns the value itself when nothing needed replacing.
 */
export function wellFormed<T>(value: T): T {
  return needsReplacing(value) ? (replaced(value) as T) : value;
}

function needsReplacing(value: unknown): boolean {
  if (typeof value === 'string') return !value.isWellFormed();
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(needsReplacing);
  return Object.entries(value).some(([name, member]) => !name.isWellFormed() || needsReplacing(member));
}

function replaced(value: unknown): unknown {
  if (typeof value === 'string') return value.toWellFormed();
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(replaced);
  return Object.fromEntries(Object.entries(value).map(([name, member]) => [name.toWellFormed(), replaced(member)]));
}
