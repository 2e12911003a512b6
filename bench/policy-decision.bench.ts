/**
 * Policy decision benchmark (issues 4 and 20): 10,000 and 100,000 grant
 * rows, a 100-field operation. Measures, side by side in one run,
 *   - baseline: one Casbin enforcer holding every grant (the naive design,
 *     where enforce() scans all rows for every field), up to 10,000 grants
 *     (at 100,000 one operation takes tens of seconds);
 *   - the engine's build time and the heap it holds;
 *   - the engine uncached: every field evaluated afresh;
 *   - the engine cached: the decisions a caller's repeated operation reuses;
 * for grants spread over every (owner, subject) pair and for the worst case
 * where all grants sit in the partitions the caller consults.
 * Targets: ≤ 1 ms per operation uncached, ≤ 20 µs cached, engine ≤ 100 MiB.
 *
 * Run: npm run bench:policy (BENCH_GRANTS=10000,100000 by default)
 */
import { newEnforcer, newModelFromString } from 'casbin';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { projectRoot } from '#config';
import { PolicyEngine } from '#policy';
import { formatMicros, measure } from './measure.js';
import { CALLER, operationFields, SCHEME, syntheticCatalog, syntheticGrants } from './policy-fixture.js';

const SIZES = (process.env.BENCH_GRANTS ?? '10000,100000').split(',').map(Number);
const BASELINE_UP_TO = 10_000;
const model = readFileSync(join(projectRoot(), 'policies', 'model.conf'), 'utf8');
const now = Date.now();
const catalog = syntheticCatalog();
const fields = operationFields(catalog);

/** The naive design: every grant in one enforcer, subject and owner in the matcher. */
const NAIVE_MODEL = `
[request_definition]
r = system, department, owner, field, tags, rank, purpose, now
[policy_definition]
p = id, subject, owner, target, maxlevel, purpose, until, eft
[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))
[matchers]
m = (p.subject == r.system || p.subject == r.department) && p.owner == r.owner && fieldMatch(r.field, r.tags, p.target) && levelWithin(r.rank, p.maxlevel) && (p.purpose == "*" || p.purpose == r.purpose) && validAt(p.until, r.now)
`;

async function naiveEnforcer(grants: ReturnType<typeof syntheticGrants>) {
  const m = newModelFromString(NAIVE_MODEL);
  m.addPolicies(
    'p',
    'p',
    grants.map((g) => [g.id, g.subject, g.owner, g.target, g.maxLevel, g.purpose, g.validUntil ?? '', g.effect]),
  );
  const enforcer = await newEnforcer(m);
  const ranks = SCHEME.ranks;
  await enforcer.addFunction('fieldMatch', (field: string, tags: string, target: string) =>
    target.endsWith('.*') ? field.startsWith(target.slice(0, -1)) : target.includes(':') ? ` ${tags} `.includes(` ${target} `) : field === target,
  );
  await enforcer.addFunction('levelWithin', (rank: number, max: string) => rank <= (ranks.get(max) ?? -1));
  await enforcer.addFunction('validAt', (until: string, at: number) => until === '' || Date.parse(until) > at);
  return enforcer;
}

/** Heap in use after a full collection (needs --expose-gc, which the npm script passes). */
function heapAfterGc(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * The heap one engine holds: built alone between full collections, before
 * anything else of the run is allocated, and dropped afterwards (the grant
 * objects themselves are the caller's and counted before the build).
 */
async function engineHeap(count: number, shape: 'spread' | 'concentrated'): Promise<string> {
  const grants = syntheticGrants(count, shape, now);
  const before = heapAfterGc();
  const engine = await PolicyEngine.build({ grants, model, scheme: SCHEME, version: 1, checkedAt: now });
  const after = heapAfterGc();
  if (engine.grantCount !== count) throw new Error('engine lost grants');
  return before !== null && after !== null ? `${((after - before) / 2 ** 20).toFixed(1)} MiB` : 'n/a (run with --expose-gc)';
}

const heaps = new Map<string, string>();
for (const count of SIZES) for (const shape of ['spread', 'concentrated'] as const) heaps.set(`${count} ${shape}`, await engineHeap(count, shape));

const rows: string[][] = [];
for (const count of SIZES) {
  for (const shape of ['spread', 'concentrated'] as const) {
    const grants = syntheticGrants(count, shape, now);
    // The longest the event loop waited during the build: what exchanges served meanwhile would wait.
    const stall = monitorEventLoopDelay({ resolution: 5 });
    stall.enable();
    const buildStart = process.hrtime.bigint();
    const engine = await PolicyEngine.build({ grants, model, scheme: SCHEME, version: 1, checkedAt: now });
    const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
    // One more turn, so that a wait lasting to the end of the build is counted too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    stall.disable();

    // Nothing reused between operations: every operation decides its fields afresh.
    const uncached = measure(() => {
      const decide = engine.decider(CALLER, now, { cache: false });
      for (const entry of fields) decide(entry);
    });
    // As the gateway does: one decider per operation, one cached lookup per field.
    const cached = measure(() => {
      const decide = engine.decider(CALLER, now);
      for (const entry of fields) decide(entry);
    });
    const allowed = fields.filter((entry) => engine.decide(CALLER, entry, now).allowed).length;
    const label = `${count} ${shape}`;
    rows.push([`${label}: build`, `${buildMs.toFixed(0)} ms`, `longest event-loop wait ${(stall.max / 1e6).toFixed(0)} ms`], [`${label}: engine heap`, heaps.get(label)!, '']);
    if (count <= BASELINE_UP_TO) {
      const naive = await naiveEnforcer(grants);
      const baseline = measure(
        () => {
          for (const entry of fields) {
            const tags = entry.pii ? `pii:${entry.pii} level:${entry.level}` : `level:${entry.level}`;
            naive.enforceExSync(CALLER.system, CALLER.department, entry.owner, entry.coordinate, tags, entry.levelRank, CALLER.purpose, now);
          }
        },
        { minMs: 2000, minRuns: 2 },
      );
      rows.push(
        [`${label}: baseline, one enforcer`, formatMicros(baseline.microseconds), '1.00'],
        [`${label}: engine, uncached`, formatMicros(uncached.microseconds), `${(baseline.microseconds / uncached.microseconds).toFixed(0)}× faster`],
        [`${label}: engine, cached`, formatMicros(cached.microseconds), `${(baseline.microseconds / cached.microseconds).toFixed(0)}× faster`],
      );
    } else {
      rows.push([`${label}: engine, uncached`, formatMicros(uncached.microseconds), ''], [`${label}: engine, cached`, formatMicros(cached.microseconds), '']);
    }
    rows.push([`${label}: fields allowed`, `${allowed} of ${fields.length}`, '']);
  }
}

console.log(`Policy decision, ${fields.length}-field operation, Node ${process.version}\n`);
const width = Math.max(...rows.map((row) => row[0]!.length));
for (const [label, value, ratio] of rows) console.log(`${label!.padEnd(width)}  ${value!.padStart(10)}  ${ratio}`);
console.log('\nTargets: uncached ≤ 1 ms per operation, cached ≤ 20 µs per operation, engine heap ≤ 100 MiB.');
