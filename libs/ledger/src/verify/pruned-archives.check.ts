import type { JSONWebKeySet } from 'jose';
import type { ChainBreak } from '../chain-verifier.js';
import { fileDigest } from '../prune/ledger.pruner.js';
import type { LedgerReader } from '../store/ledger.reader.js';
import { verifyArchive } from './archive.verifier.js';

/**
 * The database and the archives its tombstones name, end to end: each
 * archive given verifies on its own and is the one a tombstone names (by
 * SHA-256); for every chain that tombstone cut, the archive holds exactly
 * the records removed — starting right after the previous cut (or at the
 * chain's first record) and ending at the record and hash the tombstone
 * signed, from which the database's records go on. Every tombstone's
 * archive must be given. Run after `verifyLedger` on the database, which
 * checks the tombstones' signatures and the records that follow.
 */
export async function checkPrunedArchives(reader: LedgerReader, files: readonly string[], trustedKeys: JSONWebKeySet): Promise<ChainBreak | null> {
  const rows = await reader.prunedRows();
  const byArchive = new Map<string, typeof rows>();
  for (const row of rows) byArchive.set(row.archive, [...(byArchive.get(row.archive) ?? []), row]);
  const given = new Set<string>();
  for (const file of files) {
    const digest = await fileDigest(file);
    const cuts = byArchive.get(digest);
    if (!cuts) return { chain: file, seq: 0, reason: 'ARCHIVE_MISMATCH', detail: 'no tombstone names this archive: it is not what was removed (or was changed since)' };
    given.add(digest);
    const report = await verifyArchive(file, trustedKeys);
    if (!report.ok) return { ...report.broken!, detail: `in ${file}: ${report.broken!.detail}` };
    for (const cut of cuts) {
      const previous = rows.filter((row) => row.chain === cut.chain && row.number < cut.number).reduce((seq, row) => Math.max(seq, row.seq), 0);
      const start = report.anchors[cut.chain]?.seq ?? (report.ends[cut.chain] ? 1 : undefined);
      const end = report.ends[cut.chain];
      if (start !== previous + 1 || end?.seq !== cut.seq || end.hash !== cut.hash) {
        return {
          chain: cut.chain,
          seq: cut.seq,
          reason: 'ARCHIVE_MISMATCH',
          detail: `${file} does not hold records ${previous + 1} to ${cut.seq} ending at the hash tombstone ${cut.number} signed`,
        };
      }
    }
  }
  const missing = rows.find((row) => !given.has(row.archive));
  if (missing)
    return {
      chain: missing.chain,
      seq: missing.seq,
      reason: 'ARCHIVE_MISSING',
      detail: `tombstone ${missing.number} removed records up to ${missing.seq} into an archive that was not given (SHA-256 ${missing.archive})`,
    };
  return null;
}
