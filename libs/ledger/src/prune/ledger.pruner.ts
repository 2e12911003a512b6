import type { CryptoKey } from 'jose';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import { checkpointHash, signCheckpoint, type CheckpointStatement } from '../checkpoint.js';
import { LedgerCheckpointEntity } from '../entities/ledger-checkpoint.entity.js';
import { LedgerPrunedEntity } from '../entities/ledger-pruned.entity.js';
import { LedgerFieldEntity } from '../entities/ledger-field.entity.js';
import { LedgerRecordEntity } from '../entities/ledger-record.entity.js';
import { LedgerSubjectEntity } from '../entities/ledger-subject.entity.js';
import { exportLedger } from '../export/ledger.export.js';
import { GENESIS_HASH } from '../ledger-hash.js';
import { LedgerReader } from '../store/ledger.reader.js';

/** Records of one chain to archive and remove: `from` to `seq` (inclusive), the last one sealed as `hash`. */
export interface PruneCut {
  chain: string;
  from: number;
  seq: number;
  hash: string;
}

/** Kinds of record that may leave the database: exchanges and people's reads. Governance and registry chains hold state's history and stay. */
const PRUNABLE_KINDS = ['exchange', 'admin'];
/** What a prune removes, a record's rows before the record (the tables of PRUNABLE_TABLES, whose delete guard allows it). */
const PRUNED_ENTITIES = [LedgerSubjectEntity, LedgerFieldEntity, LedgerRecordEntity];
/** Tries when a gateway took the next checkpoint number at the same moment. */
const ATTEMPTS = 8;

/**
 * What can be pruned for records that started before `before`: per chain,
 * the run after what earlier tombstones removed, up to the last record
 * before the first one that is still within retention — and no further
 * than checkpoints have sealed (a tombstone names a hash checkpoints
 * vouched for) — on chains of exchanges and people's reads only.
 */
export async function planPrune(reader: LedgerReader, before: string): Promise<PruneCut[]> {
  const sealed = await reader.checkpointedHeads();
  const prunedThrough = new Map<string, number>();
  for (const row of await reader.prunedRows()) prunedThrough.set(row.chain, Math.max(prunedThrough.get(row.chain) ?? 0, row.seq));
  const cuts: PruneCut[] = [];
  for (const chain of await reader.chains()) {
    const records = () => reader.manager.createQueryBuilder(LedgerRecordEntity, 'r').where('r.chain = :chain', { chain });
    const recent = await records()
      .select('MIN(r.seq)', 'seq')
      .andWhere('r.started_at >= :before', { before: new Date(before).toISOString() })
      .getRawOne<{ seq: number | null }>();
    const head = await reader.head(chain);
    const from = (prunedThrough.get(chain) ?? 0) + 1;
    const seq = Math.min(recent?.seq === null || recent?.seq === undefined ? head.seq : Number(recent.seq) - 1, sealed.get(chain)?.seq ?? 0, head.seq);
    if (seq < from) continue;
    const kept = await records().select('COUNT(*)', 'n').andWhere('r.seq <= :seq AND r.kind NOT IN (:...kinds)', { seq, kinds: PRUNABLE_KINDS }).getRawOne<{ n: number }>();
    if (Number(kept?.n ?? 0) > 0) continue;
    const last = await records().andWhere('r.seq = :seq', { seq }).getOne();
    if (last) cuts.push({ chain, from, seq, hash: last.hash });
  }
  return cuts;
}

/** Writes the records of the cuts, with every checkpoint and stamp, as an archive that verifies on its own; returns its SHA-256. */
export async function writePruneArchive(reader: LedgerReader, cuts: readonly PruneCut[], file: string): Promise<string> {
  await pipeline(exportLedger(reader, { spans: cuts.map(({ chain, from, seq }) => ({ chain, lo: from, hi: seq })) }, 'ndjson'), createWriteStream(file, { flags: 'wx' }));
  return fileDigest(file);
}

export async function fileDigest(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Signs a tombstone checkpoint (the next number, linked to the latest)
 * naming the cuts and the archive, and in the same transaction stores its
 * removal rows and removes the records with their field and data-subject
 * rows — which the database's delete guard allows for exactly those rows.
 * The one path that removes anything from the ledger; it needs a role with
 * DELETE, which the gateway's runtime role does not have.
 */
export async function pruneLedger(
  dataSource: DataSource,
  cuts: readonly PruneCut[],
  archive: string,
  options: { issuer: string; signer: () => Promise<{ kid: string; key: CryptoKey }> },
): Promise<number> {
  const reader = new LedgerReader(dataSource);
  for (let attempt = 1; ; attempt++) {
    const latest = await reader.latestCheckpoint();
    const statement: CheckpointStatement = {
      number: (latest?.number ?? 0) + 1,
      previous: latest?.hash ?? GENESIS_HASH,
      heads: [],
      pruned: cuts.map(({ chain, seq, hash }) => ({ chain, seq, hash })),
      archive,
    };
    const signer = await options.signer();
    const jws = await signCheckpoint(statement, signer, options.issuer);
    try {
      await dataSource.transaction(async (manager) => {
        await manager.insert(LedgerCheckpointEntity, {
          number: statement.number,
          previousHash: statement.previous,
          hash: checkpointHash(statement),
          kid: signer.kid,
          signedAt: new Date().toISOString(),
          jws,
        });
        await manager.insert(
          LedgerPrunedEntity,
          cuts.map(({ chain, seq, hash }) => ({ number: statement.number, chain, seq, hash, archive })),
        );
        for (const { chain, seq } of cuts) {
          // TypeORM writes the schema and the placeholders of each database.
          for (const entity of PRUNED_ENTITIES) await manager.createQueryBuilder().delete().from(entity).where('chain = :chain AND seq <= :seq', { chain, seq }).execute();
        }
      });
      return statement.number;
    } catch (error) {
      // A gateway sealed this number a moment before: sign again after it.
      if (attempt < ATTEMPTS && ((await reader.latestCheckpoint())?.number ?? 0) >= statement.number) continue;
      throw error;
    }
  }
}
