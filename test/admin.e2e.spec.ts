import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoPeople } from '#demo-data';
import { callerToken, graphql, waitForStatus, type GraphQLAnswer } from './support/http.js';
import { operationDocument, recordOf } from './support/ledger-rows.js';
import { runCli, startBureaus, tempDir, type TestProcess, startGateway } from './support/processes.js';

/**
 * Auditors at /admin/graphql through real processes: people tokens and
 * roles, searching, paging, statistics, verification and export of the
 * ledger; nobody else reads it, nobody changes it, and every admin request
 * is itself recorded.
 */
const BASE = 14900;
const GATEWAY = `http://127.0.0.1:${BASE}/graphql`;
const ADMIN = `http://127.0.0.1:${BASE}/admin/graphql`;
const dataDir = tempDir('admin');
const processes: TestProcess[] = [];
const person = demoPeople()[9]!;
const startedAt = new Date(Date.now() - 1000).toISOString();
const exchangeIds: Record<string, string> = {};
const receipts: Record<string, string> = {};

async function personToken(user: string): Promise<string> {
  const result = await runCli(['token', '--user', user, '--data-dir', dataDir]);
  expect(result.code).toBe(0);
  return result.stdout.trim();
}

let auditorToken: string;
async function admin(query: string, variables: Record<string, unknown> = {}, token = auditorToken): Promise<GraphQLAnswer> {
  return graphql(ADMIN, query, variables, { authorization: `Bearer ${token}` });
}

async function exchange(system: string, purpose: string, query: string): Promise<string> {
  const answer = await graphql(GATEWAY, query, {}, { authorization: `Bearer ${await callerToken(dataDir, system, purpose)}` });
  const causeway = answer.body.extensions?.causeway as { exchangeId: string; receipt: string };
  receipts[causeway.exchangeId] = causeway.receipt;
  return causeway.exchangeId;
}

beforeAll(async () => {
  processes.push(...startBureaus(BASE, dataDir));
  processes.push(startGateway(BASE, dataDir, { CAUSEWAY_LEDGER_CHECKPOINT_MS: '200', CAUSEWAY_DEV_PEOPLE_TOKENS: 'true' }));
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
  auditorToken = await personToken('auditor-1');
  exchangeIds.subsidy = await exchange('civil-affairs.subsidy-review', 'subsidy-eligibility', `{ person(idNumber: "${person.idNumber}") { name phone householdAddress } }`);
  for (let i = 0; i < 4; i++) await exchange('market-regulation.licensing', 'business-licensing', '{ enterprises(first: 2) { nodes { name } } }');
  exchangeIds.outreach = await exchange('health.vaccination-outreach', 'vaccination-outreach', `{ person(idNumber: "${person.idNumber}") { phone maritalStatus } }`);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

describe('auditors', () => {
  it('search records by caller, decision, owner, field and level, newest first', async () => {
    const answer = await admin(`query ($filter: LedgerFilterInput) { exchanges(filter: $filter) { nodes { exchangeId system decision maxLevel } } }`, {
      filter: { from: startedAt, system: 'civil-affairs.subsidy-review' },
    });
    expect(answer.body.errors).toBeUndefined();
    const nodes = (answer.body.data!.exchanges as { nodes: Array<Record<string, unknown>> }).nodes;
    expect(nodes).toEqual([{ exchangeId: exchangeIds.subsidy, system: 'civil-affairs.subsidy-review', decision: 'PARTIAL', maxLevel: 'SENSITIVE' }]);

    const search = async (filter: Record<string, unknown>) =>
      (
        (await admin('query ($filter: LedgerFilterInput) { exchanges(filter: $filter, first: 100) { nodes { exchangeId } } }', { filter: { kind: 'exchange', ...filter } })).body.data!
          .exchanges as { nodes: Array<{ exchangeId: string }> }
      ).nodes.map((node) => node.exchangeId);
    expect(await search({ coordinate: 'Person.maritalStatus' })).toEqual([exchangeIds.outreach]);
    expect(await search({ ownerDepartment: 'public-security', minLevel: 'SENSITIVE' })).toEqual([exchangeIds.outreach, exchangeIds.subsidy]);
    expect(await search({ department: 'market-regulation' })).toHaveLength(4);
    expect(await search({ purpose: 'vaccination-outreach', decision: 'PARTIAL' })).toEqual([exchangeIds.outreach]);
    expect(await search({ decision: 'DENIED' })).toEqual([]);
  });

  it('page through results with cursors, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const answer = await admin('query ($after: String) { exchanges(filter: { kind: "exchange" }, first: 2, after: $after) { nodes { exchangeId } endCursor hasNextPage } }', { after });
      const page = answer.body.data!.exchanges as { nodes: Array<{ exchangeId: string }>; endCursor: string; hasNextPage: boolean };
      seen.push(...page.nodes.map((node) => node.exchangeId));
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('read one exchange in full, and statistics per department pair and field', async () => {
    const one = await admin('query ($id: String!) { exchange(exchangeId: $id) { chain seq hash entry } }', { id: exchangeIds.subsidy });
    const record = one.body.data!.exchange as { chain: string; seq: number; hash: string; entry: string };
    const stored = recordOf(dataDir, exchangeIds.subsidy);
    expect(record).toMatchObject({ chain: stored.chain, seq: stored.seq, hash: stored.hash });
    expect(JSON.parse(record.entry).fields.find((f: { coordinate: string }) => f.coordinate === 'Person.phone')).toMatchObject({ outcome: 'denied', reason: 'DENIED_BY_GRANT' });

    const stats = await admin(
      `query ($from: String!, $to: String!) { ledgerStatistics(from: $from, to: $to) {
         pairs { callerDepartment ownerDepartment exchanges fieldsServed fieldsDenied }
         decisions { decision count } days { day decision count } deniedFields { coordinate count } mostReadFields { coordinate count } gravest { exchangeId maxLevel } } }`,
      { from: startedAt, to: new Date(Date.now() + 60_000).toISOString() },
    );
    expect(stats.body.errors).toBeUndefined();
    const data = stats.body.data!.ledgerStatistics as Record<string, Array<Record<string, unknown>>>;
    expect(data.pairs).toEqual(
      expect.arrayContaining([
        { callerDepartment: 'civil-affairs', ownerDepartment: 'public-security', exchanges: 1, fieldsServed: 3, fieldsDenied: 1 },
        { callerDepartment: 'market-regulation', ownerDepartment: 'market-regulation', exchanges: 4, fieldsServed: 12, fieldsDenied: 0 },
      ]),
    );
    expect(data.decisions).toEqual([
      { decision: 'ALLOWED', count: 4 },
      { decision: 'PARTIAL', count: 2 },
    ]);
    // Per day and decision, they add up to the decisions of the range, and the days are those of the range.
    const perDecision = new Map<string, number>();
    for (const day of data.days as Array<{ day: string; decision: string; count: number }>) perDecision.set(day.decision, (perDecision.get(day.decision) ?? 0) + day.count);
    expect([...perDecision.entries()].sort()).toEqual([
      ['ALLOWED', 4],
      ['PARTIAL', 2],
    ]);
    expect((data.days as Array<{ day: string }>).every((day) => day.day >= startedAt.slice(0, 10))).toBe(true);
    expect(data.deniedFields).toEqual(
      expect.arrayContaining([
        { coordinate: 'Person.phone', count: 1 },
        { coordinate: 'Person.maritalStatus', count: 1 },
      ]),
    );
    expect(data.mostReadFields[0]).toMatchObject({ count: 4 });
    expect((data.gravest[0] as { maxLevel: string }).maxLevel).toBe('SENSITIVE');
  });

  it("check an exchange's receipt against the ledger, and a receipt a caller presents", async () => {
    const id = exchangeIds.subsidy!;
    const stored = recordOf(dataDir, id);
    const found = await admin('query ($id: String!) { exchangeReceipt(exchangeId: $id) { receipt check { ok failure exchangeId chain seq hash system decision checkpoint { number } } } }', {
      id,
    });
    expect(found.body.errors).toBeUndefined();
    const { receipt, check } = found.body.data!.exchangeReceipt as { receipt: string; check: Record<string, unknown> };
    expect(check).toMatchObject({
      ok: true,
      failure: null,
      exchangeId: id,
      chain: stored.chain,
      seq: stored.seq,
      hash: stored.hash,
      system: 'civil-affairs.subsidy-review',
      decision: 'PARTIAL',
    });
    expect(receipt.split('.')).toHaveLength(3);
    expect((await admin('{ exchangeReceipt(exchangeId: "no-such-exchange") { receipt } }')).body.data!.exchangeReceipt).toBeNull();

    // The caller's own copy verifies; one with a changed payload does not, and the answer says which step failed.
    const presented = await admin('query ($r: String!) { checkReceipt(receipt: $r) { ok exchangeId failure } }', { r: receipts[id] });
    expect(presented.body.data!.checkReceipt).toEqual({ ok: true, exchangeId: id, failure: null });
    const [header, payload, signature] = receipts[id]!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, seq: Number(claims.seq) + 1 })).toString('base64url'), signature].join('.');
    const refused = await admin('query ($r: String!) { checkReceipt(receipt: $r) { ok failure exchangeId } }', { r: forged });
    expect(refused.body.data!.checkReceipt).toEqual({ ok: false, failure: 'RECEIPT_SIGNATURE', exchangeId: null });
    const garbage = await admin('{ checkReceipt(receipt: "not a receipt") { ok } }');
    expect(garbage.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('verify the ledger and export it, streamed, as NDJSON and CSV', async () => {
    const verification = await admin('{ ledgerVerification { ok verified broken { reason } } }');
    expect(verification.body.data!.ledgerVerification).toMatchObject({ ok: true, broken: null });
    // The run is noted, with who ran it: the overview shows when the ledger was last checked.
    const runs = await admin('{ ledgerVerifications(last: 1) { ok verified by startedAt finishedAt } }');
    const [run] = runs.body.data!.ledgerVerifications as Array<{ ok: boolean; verified: number; by: string; startedAt: string; finishedAt: string }>;
    expect(run).toMatchObject({ ok: true, by: 'auditor-1', verified: (verification.body.data!.ledgerVerification as { verified: number }).verified });
    expect(Date.parse(run!.finishedAt)).toBeGreaterThanOrEqual(Date.parse(run!.startedAt));

    const ndjson = await fetch(`http://127.0.0.1:${BASE}/admin/ledger/export?from=${encodeURIComponent(startedAt)}&format=ndjson`, { headers: { authorization: `Bearer ${auditorToken}` } });
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await ndjson.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; entry?: { exchangeId: string } });
    expect(lines.filter((line) => line.type === 'record').map((line) => line.entry!.exchangeId)).toEqual(expect.arrayContaining(Object.values(exchangeIds)));
    const csv = await fetch(`http://127.0.0.1:${BASE}/admin/ledger/export?format=csv`, { headers: { authorization: `Bearer ${auditorToken}` } });
    expect((await csv.text()).split('\n')[0]).toMatch(/^chain,seq,exchange_id,kind,started_at,system/);
  });

  it('get clear errors for bad input', async () => {
    const codes = async (query: string, variables: Record<string, unknown> = {}) =>
      (await admin(query, variables)).body.errors?.map((error) => [error.extensions?.code, error.extensions?.argument]);
    expect(await codes('{ exchanges(first: 0) { nodes { exchangeId } } }')).toEqual([['BAD_USER_INPUT', 'first']]);
    expect(await codes('{ exchanges(after: "garbage") { nodes { exchangeId } } }')).toEqual([['BAD_USER_INPUT', 'after']]);
    expect(await codes('{ exchanges(filter: { minLevel: "TOP_SECRET" }) { nodes { exchangeId } } }')).toEqual([['BAD_USER_INPUT', 'filter.minLevel']]);
    expect(await codes('{ exchanges(filter: { from: "last tuesday" }) { nodes { exchangeId } } }')).toEqual([['BAD_USER_INPUT', 'filter.from']]);
    // Bounds Date.parse would take and the ledger would then misread: a six-digit year sorts before every stored time as text.
    expect(await codes('{ exchanges(filter: { from: "+099999-01-01T00:00:00Z" }) { nodes { exchangeId } } }')).toEqual([['BAD_USER_INPUT', 'filter.from']]);
    expect(await codes('{ exchanges(filter: { to: "2026-02-30" }) { nodes { exchangeId } } }')).toEqual([['BAD_USER_INPUT', 'filter.to']]);
    expect(await codes('{ exchanges(filter: { from: "2026-12-01", to: "2026-11-01" }) { nodes { exchangeId } } }')).toEqual([['BAD_USER_INPUT', 'filter.to']]);
    expect(await codes('{ ledgerStatistics(from: "2026-11-01T00:00:00Z", to: "+275760-09-13T00:00:00Z") { decisions { count } } }')).toEqual([['BAD_USER_INPUT', 'to']]);
    const sixDigits = await fetch(`http://127.0.0.1:${BASE}/admin/ledger/export?from=${encodeURIComponent('+099999-01-01T00:00:00Z')}`, {
      headers: { authorization: `Bearer ${auditorToken}` },
    });
    expect([sixDigits.status, ((await sixDigits.json()) as { error: { argument: string } }).error.argument]).toEqual([400, 'from']);
    const bad = await fetch(`http://127.0.0.1:${BASE}/admin/ledger/export?format=xlsx`, { headers: { authorization: `Bearer ${auditorToken}` } });
    expect(bad.status).toBe(400);
    // An empty bound is not "no bound": nothing is exported by mistake.
    const empty = await fetch(`http://127.0.0.1:${BASE}/admin/ledger/export?from=`, { headers: { authorization: `Bearer ${auditorToken}` } });
    expect([empty.status, ((await empty.json()) as { error: { code: string; argument: string } }).error]).toEqual([
      400,
      expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'from' }),
    ]);
    expect(await codes('{ ledgerStatistics(from: "", to: "2027-01-01") { decisions { count } } }')).toEqual([['BAD_USER_INPUT', 'from']]);
    // An ID number written into the URL, percent-encoded: refused, and recorded (the answer names the record) without it.
    const encoded = [...person.idNumber].map((digit) => `%${digit.charCodeAt(0).toString(16)}`).join('');
    const smuggled = await fetch(`http://127.0.0.1:${BASE}/admin/ledger/export?from=${encoded}`, { headers: { authorization: `Bearer ${auditorToken}` } });
    const refusal = ((await smuggled.json()) as { error: { code: string; requestId: string } }).error;
    expect([smuggled.status, refusal.code]).toEqual([400, 'BAD_USER_INPUT']);
    const recorded = recordOf(dataDir, refusal.requestId).entry;
    expect(operationDocument(dataDir, recorded.operation.hash as string)).toBe('/admin/ledger/export?from=[redacted]');
    // A bound or format given as a list or object, or a parameter an export does not take, is refused, never read as no bound.
    for (const [query, argument] of [
      ['from[]=2026-01-01&to=2026-12-31', 'from[]'],
      ['format[x]=csv', 'format[x]'],
      ['system=health.vaccination-outreach', 'system'],
      ['to=2026-12-31&to=2027-01-01', 'to'],
    ]) {
      const answer = await fetch(`http://127.0.0.1:${BASE}/admin/ledger/export?${query}`, { headers: { authorization: `Bearer ${auditorToken}` } });
      expect([query, answer.status, ((await answer.json()) as { error: { code: string; argument: string } }).error]).toEqual([
        query,
        400,
        expect.objectContaining({ code: 'BAD_USER_INPUT', argument }),
      ]);
    }
  });
});

describe("owners' officers", () => {
  const usage = `query ($owner: String) { ownerUsage(from: "2026-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z", owner: $owner) {
    owner reads { day system department purpose coordinate served masked denied } gravest { exchangeId system purpose decision fields { coordinate level outcome } } } }`;

  it('see who reads their data, per system, purpose, field and day, and nothing of exchanges that did not touch it', async () => {
    const answer = await admin(usage, {}, await personToken('officer-ps'));
    expect(answer.body.errors).toBeUndefined();
    const result = answer.body.data!.ownerUsage as { owner: string; reads: Array<Record<string, any>>; gravest: Array<Record<string, any>> };
    expect(result.owner).toBe('public-security');
    // The licensing system read only market regulation's enterprises: it is not here.
    expect(new Set(result.reads.map((read) => read.system))).toEqual(new Set(['civil-affairs.subsidy-review', 'health.vaccination-outreach']));
    expect(result.reads).toContainEqual(
      expect.objectContaining({ system: 'civil-affairs.subsidy-review', purpose: 'subsidy-eligibility', department: 'civil-affairs', coordinate: 'Person.name' }),
    );
    expect(result.reads.every((read) => read.served + read.masked + read.denied > 0 && /^\d{4}-\d\d-\d\d$/.test(read.day))).toBe(true);
    // An exchange that touched public security's data shows public security's fields only (not the civil-affairs marital status it also read).
    const outreach = result.gravest.find((exchange) => exchange.exchangeId === exchangeIds.outreach);
    expect(outreach?.fields.map((field: { coordinate: string }) => field.coordinate)).toEqual(['Query.person', 'Person.phone']);
    expect(JSON.stringify(result)).not.toContain('maritalStatus');
    expect(JSON.stringify(result)).not.toContain(person.idNumber);
  });

  it("see only their own department's; auditors see any department's", async () => {
    const officer = await personToken('officer-health');
    expect((await admin(usage, { owner: 'public-security' }, officer)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await admin(usage, {}, officer);
    expect(own.body.data!.ownerUsage).toMatchObject({ owner: 'health' });
    expect((own.body.data!.ownerUsage as { reads: unknown[] }).reads.every((read) => (read as { coordinate: string }).coordinate !== 'Person.phone')).toBe(true);
    expect((await admin(usage, { owner: 'public-security' })).body.data!.ownerUsage).toMatchObject({ owner: 'public-security' });
    expect((await admin(usage, {})).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'owner' });
  });
});

describe('nobody else', () => {
  it('an auditor changes nothing: there is no mutation to call', async () => {
    const answer = await admin('mutation { revokeGrant(id: "ps-civil-person") }');
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.data).toBeUndefined();
  });

  it('an officer reads no ledger, by query or export', async () => {
    const officer = await personToken('officer-ps');
    const answer = await admin('{ me { id roles department } exchanges { nodes { exchangeId } } }', {}, officer);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: ['exchanges'], extensions: { code: 'FORBIDDEN' } })]);
    expect(answer.body.data).toBeNull();
    for (const query of [
      '{ ledgerVerification { ok } }',
      '{ ledgerVerifications { ok } }',
      '{ exchangeReceipt(exchangeId: "x") { receipt } }',
      '{ checkReceipt(receipt: "a.b.c") { ok } }',
      '{ exchange(exchangeId: "x") { entry } }',
      '{ ledgerStatistics(from: "2026-01-01", to: "2027-01-01") { decisions { count } } }',
    ]) {
      expect((await admin(query, {}, officer)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const exported = await fetch(`http://127.0.0.1:${BASE}/admin/ledger/export`, { headers: { authorization: `Bearer ${officer}` } });
    expect(exported.status).toBe(403);
    expect(await exported.text()).not.toContain('"type":"record"');
  });

  it('without a person token, or with a system token, nothing is served', async () => {
    const none = await graphql(ADMIN, '{ me { id } }');
    expect(none.status).toBe(401);
    expect(none.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'MISSING_TOKEN' });
    const challenged = await fetch(ADMIN, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ me { id } }"}' });
    await challenged.arrayBuffer();
    expect([challenged.status, challenged.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="causeway"']);
    const system = await admin('{ exchanges { nodes { exchangeId } } }', {}, await callerToken(dataDir, 'civil-affairs.subsidy-review', 'subsidy-eligibility'));
    expect(system.status).toBe(401);
    expect(system.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNKNOWN_ISSUER' });
    const stranger = await runCli(['token', '--user', 'nobody', '--data-dir', dataDir]);
    const unknown = await admin('{ me { id } }', {}, stranger.stdout.trim());
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNKNOWN_PERSON' });
    expect((await fetch(`http://127.0.0.1:${BASE}/admin/ledger/export`)).status).toBe(401);
  });
});

it("records an auditor's own searches in the ledger", async () => {
  const answer = await admin('query Suspicious($system: String) { exchanges(filter: { system: $system }) { nodes { exchangeId } } }', { system: 'health.vaccination-outreach' });
  const requestId = (answer.body.extensions?.causeway as { requestId: string }).requestId;
  const record = recordOf(dataDir, requestId);
  expect(record.entry).toMatchObject({
    kind: 'admin',
    user: 'auditor-1',
    roles: ['auditor'],
    decision: 'ALLOWED',
    operation: { name: 'Suspicious', variables: { system: 'health.vaccination-outreach' } },
  });
});
