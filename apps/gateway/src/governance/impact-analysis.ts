import type { Catalog } from '#catalog';
import type { SystemRegistry } from '#identity';
import type { ExchangeEntry, LedgerReader } from '#ledger';
import type { PolicyEngine } from '#policy';

export interface ImpactReport {
  days: number;
  exchangesExamined: number;
  exchangesAffected: number;
  newlyDenied: number;
  newlyAllowed: number;
  maskChanged: number;
  callers: Array<{ system: string; exchanges: number }>;
  fields: Array<{ coordinate: string; newlyDenied: number; newlyAllowed: number; maskChanged: number }>;
}

/**
 * Replays the exchanges of the last `days` recorded in the ledger against
 * the current policy and a proposed one, field by field: which past
 * exchanges, callers and fields the proposal would have decided
 * differently. Only authenticated exchanges are replayed (a refused caller
 * selected nothing); a caller no longer registered is skipped, and the
 * clearance is the caller's current one.
 */
export async function analyseImpact(options: {
  ledger: LedgerReader;
  catalog: Catalog;
  registry: SystemRegistry;
  current: PolicyEngine;
  proposed: PolicyEngine;
  days: number;
  /** The department whose data the change is about: only exchanges that read its data are examined (and counted). */
  owner: string;
  now?: number;
}): Promise<ImpactReport> {
  const now = options.now ?? Date.now();
  // The window is in the ledger's own time (records carry the system clock's); decisions at `now`.
  const from = new Date(Date.now() - options.days * 86_400_000).toISOString();
  const report: ImpactReport = { days: options.days, exchangesExamined: 0, exchangesAffected: 0, newlyDenied: 0, newlyAllowed: 0, maskChanged: 0, callers: [], fields: [] };
  const callers = new Map<string, number>();
  const fields = new Map<string, { newlyDenied: number; newlyAllowed: number; maskChanged: number }>();
  for await (const record of options.ledger.records({ from })) {
    if (record.kind !== 'exchange' || record.startedAt < from) continue;
    const entry = JSON.parse(record.content) as ExchangeEntry;
    const system = entry.caller.verified && entry.caller.system ? options.registry.get(entry.caller.system) : undefined;
    // A change over one department's data changes nothing else: other exchanges are neither replayed nor counted (nor revealed).
    const owned = entry.fields.filter((field) => field.owner === options.owner);
    if (!system || !entry.purpose || owned.length === 0) continue;
    report.exchangesExamined++;
    const subject = { system: system.id, department: system.department, clearance: system.clearance, purpose: entry.purpose };
    let affected = false;
    for (const coordinate of new Set(owned.map((field) => field.coordinate))) {
      const catalogEntry = options.catalog.lookupCoordinate(coordinate);
      const before = options.current.evaluate(subject, catalogEntry, now);
      const after = options.proposed.evaluate(subject, catalogEntry, now);
      const kind = before.allowed && !after.allowed ? 'newlyDenied' : !before.allowed && after.allowed ? 'newlyAllowed' : before.allowed && before.mask !== after.mask ? 'maskChanged' : null;
      if (!kind) continue;
      affected = true;
      report[kind]++;
      const counts = fields.get(coordinate) ?? { newlyDenied: 0, newlyAllowed: 0, maskChanged: 0 };
      counts[kind]++;
      fields.set(coordinate, counts);
    }
    if (affected) {
      report.exchangesAffected++;
      callers.set(system.id, (callers.get(system.id) ?? 0) + 1);
    }
  }
  report.callers = [...callers].map(([system, exchanges]) => ({ system, exchanges })).sort((a, b) => b.exchanges - a.exchanges || a.system.localeCompare(b.system));
  report.fields = [...fields].map(([coordinate, counts]) => ({ coordinate, ...counts })).sort((a, b) => a.coordinate.localeCompare(b.coordinate));
  return report;
}
