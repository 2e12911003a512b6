import { LedgerFieldEntity } from '../entities/ledger-field.entity.js';
import { LedgerRecordEntity } from '../entities/ledger-record.entity.js';
import type { SelectQueryBuilder } from 'typeorm';
import { unpackFields } from '../store/field-list.js';
import type { LedgerReader } from '../store/ledger.reader.js';
import { fieldSums, hoursOf } from './rollup.reads.js';

/** Who read one owner's data in a time range (共享调用统计): only exchanges that touched its fields, and only its fields of them. */
export interface OwnerUsage {
  /** Per day, consuming system, purpose and field: values served in clear, masked, and refused. */
  reads: Array<{ day: string; system: string; department: string | null; purpose: string | null; coordinate: string; served: number; masked: number; denied: number }>;
  /** The exchanges that reached the owner's most classified fields, newest first among equals, with the owner's fields alone. */
  gravest: Array<{
    exchangeId: string;
    startedAt: string;
    system: string | null;
    department: string | null;
    purpose: string | null;
    decision: string;
    fields: Array<{ coordinate: string; levelRank: number; outcome: string }>;
  }>;
}

type Row = Record<string, string | number | null>;
const GRAVEST = 10;

/**
 * One owner's usage: its fields' counts, and the gravest exchanges from the
 * field rows of one owner (indexed by owner and time) joined to their
 * records: nothing about an exchange that did not touch the owner's data,
 * and nothing about another owner's fields in one that did.
 */
export async function ownerUsage(store: LedgerReader, owner: string, from: string, to: string): Promise<OwnerUsage> {
  const range = { owner, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const manager = store.manager;
  const fields = () =>
    manager
      .createQueryBuilder(LedgerFieldEntity, 'f')
      .innerJoin(LedgerRecordEntity, 'r', 'r.chain = f.chain AND r.seq = f.seq')
      .where("f.owner = :owner AND f.started_at >= :from AND f.started_at < :to AND r.kind = 'exchange' AND r.system IS NOT NULL", range);
  // Whole hours from the statistics rollups, the partial hours at the ends from the field rows.
  const reads = await fieldSums(store, hoursOf(range), ['day', 'system', 'department', 'purpose', 'coordinate'], { owner, identified: true });
  const gravest = await gravestOf(store, fields);
  return {
    reads: reads
      .map((row) => ({
        day: row.day,
        system: row.system,
        department: row.department === '' ? null : row.department,
        purpose: row.purpose === '' ? null : row.purpose,
        coordinate: row.coordinate,
        served: row.served,
        masked: row.masked,
        denied: row.denied,
      }))
      .sort((a, b) => order(a, b, 'day') || order(a, b, 'system') || order(a, b, 'coordinate') || order(a, b, 'purpose')),
    gravest,
  };
}

/** The exchanges that reached the owner's most classified fields (refused fields do not count), with the owner's fields of each. */
async function gravestOf(store: LedgerReader, fields: () => SelectQueryBuilder<LedgerFieldEntity>): Promise<OwnerUsage['gravest']> {
  const manager = store.manager;
  const gravestRows = await store.raw<Row>(
    fields()
      .select('f.chain', 'chain')
      .addSelect('f.seq', 'seq')
      .addSelect('f.fields', 'fields')
      .andWhere('f.grade >= 0')
      .orderBy('f.grade', 'DESC')
      .addOrderBy('f.started_at', 'DESC')
      .addOrderBy('f.chain', 'DESC')
      .addOrderBy('f.seq', 'DESC')
      .limit(GRAVEST),
  );
  const gravest: OwnerUsage['gravest'] = [];
  for (const row of gravestRows) {
    const where = { chain: String(row.chain), seq: Number(row.seq) };
    const [record] = await store.many(manager.createQueryBuilder(LedgerRecordEntity, 'r').where('r.chain = :chain AND r.seq = :seq', where));
    if (!record) continue;
    gravest.push({ ...exchangeHeader(record), fields: unpackFields(String(row.fields)) });
  }
  return gravest;
}

function order<T extends Record<K, string | null>, K extends string>(a: T, b: T, key: K): number {
  const [x, y] = [a[key] ?? '', b[key] ?? ''];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Who called, when, for what and how it ended: the columns of a record an owner's officers may see of an exchange. */
export function exchangeHeader(record: LedgerRecordEntity): Omit<OwnerUsage['gravest'][number], 'fields'> {
  const { exchangeId, startedAt, system, department, purpose, decision } = record;
  return { exchangeId, startedAt, system, department, purpose, decision };
}
