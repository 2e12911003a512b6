import { createHash } from 'node:crypto';

/**
 * What the ledger keeps of the workflow's free text (reasons, objections,
 * legal bases, reports): its SHA-256, which proves the text later without
 * holding it — people write personal information into such text, and the
 * ledger is append-only. The text itself stays in its table, readable by
 * those the workflow shows it to.
 */
export function textDigest(value: string): string {
  return `sha256:${createHash('sha256').update(value).digest('hex')}`;
}
