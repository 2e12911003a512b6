import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPeople } from '#demo-data';
import { callerToken, graphql, waitForStatus, type GraphQLAnswer } from './support/http.js';
import { recordOf } from './support/ledger-rows.js';
import { bureauPorts, ROOT, runCli, startBureaus, startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * Daily allowances and lookups that must not undo masks: a lookup by a
 * value the caller reads masked or not at all is counted, and past its
 * misses for the day the caller is refused (LOOKUP_LIMIT_EXCEEDED), while a
 * caller that reads the value in clear is not; personal-information values
 * served per system per day (PII_QUOTA_EXCEEDED); people's request rate on
 * the admin API; simulate shows the lookup rule; grant validation warns
 * where derived fields would be masked inconsistently; and all of it in
 * the metrics at GET /metrics, for a scraper with the metrics token only.
 * The gateway's clock is pinned, so "today" is one fixed day.
 */
const BASE = 15700;
const GATEWAY = `http://127.0.0.1:${BASE}/graphql`;
const ADMIN = `http://127.0.0.1:${BASE}/admin/graphql`;
const dataDir = tempDir('quotas');
const policies = tempDir('quotas-policies');
const processes: TestProcess[] = [];
const tokens: Record<string, string> = {};
const people = demoPeople();
const MISSES = 3;
/** Valid-looking ID numbers that are in no register: each lookup by one misses. */
const guesses = Array.from({ length: 10 }, (_, i) => `1101011990030${String(7000 + i)}`);
const METRICS_TOKEN = randomBytes(32).toString('base64url');
const metricsTokenFile = join(tempDir('quotas-metrics'), 'metrics-token');

async function as(user: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer> {
  tokens[user] ??= (await runCli(['token', '--user', user, '--data-dir', dataDir])).stdout.trim();
  return graphql(ADMIN, query, variables, { authorization: `Bearer ${tokens[user]}` });
}

async function exchange(system: string, purpose: string, query: string): Promise<GraphQLAnswer> {
  return graphql(GATEWAY, query, {}, { authorization: `Bearer ${await callerToken(dataDir, system, purpose)}` });
}

const idOf = (answer: GraphQLAnswer) => String(answer.body.extensions?.causeway?.exchangeId ?? answer.body.errors?.[0]?.extensions?.exchangeId);
const lookup = (id: string) => `{ person(idNumber: "${id}") { gender } }`;

beforeAll(async () => {
  cpSync(join(ROOT, 'policies'), policies, { recursive: true });
  const systems = readFileSync(join(policies, 'systems.yaml'), 'utf8').replace(/(- id: public-security\.household-registry\n)/, '$1    piiValuesPerDay: 5\n');
  writeFileSync(join(policies, 'systems.yaml'), systems);
  writeFileSync(metricsTokenFile, `${METRICS_TOKEN}\n`);
  processes.push(...startBureaus(BASE, dataDir));
  processes.push(
    startGateway(BASE, dataDir, {
      CAUSEWAY_POLICIES_DIR: policies,
      CAUSEWAY_DEV_PEOPLE_TOKENS: 'true',
      CAUSEWAY_TEST_CLOCK: '2026-12-01T02:00:00.000Z',
      CAUSEWAY_LOOKUP_MISSES_PER_DAY: String(MISSES),
      CAUSEWAY_ADMIN_RATE_LIMIT: '6',
      CAUSEWAY_METRICS_TOKEN_FILE: metricsTokenFile,
    }),
  );
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

describe('lookups by personal-information values', () => {
  it('a caller that reads ID numbers masked has its misses counted; past them, every lookup by ID number is refused with LOOKUP_LIMIT_EXCEEDED (429), recorded', async () => {
    const outreach = (query: string) => exchange('health.vaccination-outreach', 'vaccination-outreach', query);
    // A hit costs nothing.
    expect((await outreach(lookup(people[0]!.idNumber))).body.data).toEqual({ person: { gender: people[0]!.gender } });
    for (const guess of guesses.slice(0, MISSES)) expect((await outreach(lookup(guess))).body.data).toEqual({ person: null });
    const refused = await outreach(lookup(people[1]!.idNumber));
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'LOOKUP_LIMIT_EXCEEDED', limit: 'lookupMissesPerDay', allowed: MISSES });
    expect(refused.body.data ?? null).toBeNull();
    expect(recordOf(dataDir, idOf(refused)).entry).toMatchObject({ decision: 'DENIED', errorCodes: ['LOOKUP_LIMIT_EXCEEDED'] });
    // Reading without a lookup by a masked value goes on.
    expect((await outreach('{ people(first: 1) { nodes { gender } } }')).status).toBe(200);
  });

  it('an operation whose lookups could exceed what is left is refused before any is made', async () => {
    const aliases = guesses.slice(0, MISSES + 1).map((guess, i) => `p${i}: person(idNumber: "${guess}") { gender }`);
    const answer = await exchange('market-regulation.licensing', 'business-licensing', `{ ${aliases.join(' ')} }`);
    expect(answer.status).toBe(429);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'LOOKUP_LIMIT_EXCEEDED', measured: MISSES + 1, allowed: MISSES });
  });

  it('a lookup under @skip counts like any other: a query planner may still ask its bureau', async () => {
    const aliases = guesses.slice(0, MISSES + 1).map((guess, i) => `p${i}: person(idNumber: "${guess}") ${i === MISSES ? '@skip(if: true) ' : ''}{ gender }`);
    const answer = await exchange('market-regulation.licensing', 'business-licensing', `{ ${aliases.join(' ')} }`);
    expect(answer.status).toBe(429);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'LOOKUP_LIMIT_EXCEEDED', measured: MISSES + 1, allowed: MISSES });
  });

  it('a caller that reads ID numbers in clear looks up freely: its misses reveal nothing it may not read', async () => {
    for (const guess of guesses) {
      const answer = await exchange('civil-affairs.subsidy-review', 'subsidy-eligibility', lookup(guess));
      expect([answer.status, answer.body.data]).toEqual([200, { person: null }]);
    }
  });

  it('simulate shows the rule each lookup is served under', async () => {
    const SIMULATE =
      'query ($system: String!, $purpose: String!) { simulate(system: $system, purpose: $purpose, operation: "{ person(idNumber: \\"1\\") { gender } }") { path lookup { rule argument reveals } } }';
    const counted = await as('admin-1', SIMULATE, { system: 'health.vaccination-outreach', purpose: 'vaccination-outreach' });
    expect(counted.body.data?.simulate).toContainEqual({ path: 'person', lookup: { rule: 'counted', argument: 'idNumber', reveals: 'Person.idNumber' } });
    const open = await as('admin-1', SIMULATE, { system: 'civil-affairs.subsidy-review', purpose: 'subsidy-eligibility' });
    expect(open.body.data?.simulate).toContainEqual({ path: 'person', lookup: { rule: 'open', argument: 'idNumber', reveals: 'Person.idNumber' } });
  });
});

describe('personal information served per day', () => {
  it('past its daily PII values, a system is refused operations selecting PII (PII_QUOTA_EXCEEDED, 429, recorded) and served the rest', async () => {
    const registry = (query: string) => exchange('public-security.household-registry', 'household-administration', query);
    const first = await registry('{ people(first: 3) { nodes { idNumber phone } } }');
    expect(first.status).toBe(200);
    const refused = await registry('{ people(first: 1) { nodes { name } } }');
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'PII_QUOTA_EXCEEDED', limit: 'piiValuesPerDay', allowed: 5 });
    expect(recordOf(dataDir, idOf(refused)).entry).toMatchObject({ decision: 'DENIED', errorCodes: ['PII_QUOTA_EXCEEDED'] });
    expect((await registry('{ people(first: 1) { nodes { gender } } }')).status).toBe(200);
  });
});

describe('derived fields', () => {
  it('a grant that clears an ID number while the birth date stays masked is saved with a warning', async () => {
    const put = await as('admin-1', 'mutation ($input: GrantInput!) { putGrant(input: $input) { warnings } }', {
      input: {
        id: 'outreach-id-clear',
        subject: 'health.vaccination-outreach',
        owner: 'public-security',
        target: 'Person.idNumber',
        maxLevel: 'SENSITIVE',
        purpose: 'vaccination-outreach',
        obligations: ['clear'],
        basis: 'test',
      },
    });
    expect(put.body.errors).toBeUndefined();
    const warnings = (put.body.data?.putGrant as { warnings: string[] }).warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/health\.vaccination-outreach .*Person\.idNumber in clear but Person\.birthDate masked/);
  });
});

describe('people on the admin API', () => {
  it('a person past their request rate is refused with RATE_LIMITED (429) and Retry-After, recorded', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await as('auditor-1', '{ me { id } }')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const refused = await fetch(ADMIN, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens['auditor-1']}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // Recorded as that person's refused request.
    expect(recordOf(dataDir, String(body.errors[0]!.extensions.requestId)).entry).toMatchObject({ kind: 'admin', user: 'auditor-1', errorCodes: ['RATE_LIMITED'] });
    expect(body.errors[0]!.extensions).not.toHaveProperty('person');
    // Another person is not held back.
    expect((await as('officer-ps', '{ me { id } }')).status).toBe(200);
  });
});

describe('metrics', () => {
  it('GET /metrics shows the exchanges by decision, system and purpose, the refusals by code, the phases, bureaus, ledger and policy; no personal data', async () => {
    const response = await fetch(`http://127.0.0.1:${BASE}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^causeway_exchanges_total\{decision="ALLOWED",system="health\.vaccination-outreach",purpose="vaccination-outreach"\} [1-9]/m);
    expect(text).toMatch(/^causeway_exchanges_total\{decision="DENIED",system="health\.vaccination-outreach",purpose="vaccination-outreach"\} [1-9]/m);
    expect(text).toMatch(/^causeway_exchange_errors_total\{code="LOOKUP_LIMIT_EXCEEDED"\} [1-9]/m);
    expect(text).toMatch(/^causeway_exchange_errors_total\{code="PII_QUOTA_EXCEEDED"\} [1-9]/m);
    expect(text).toMatch(/^causeway_owner_reads_total\{owner="public-security"\} [1-9]/m);
    for (const phase of ['admit', 'check', 'decide', 'forward', 'shape', 'record'])
      expect(text).toMatch(new RegExp(`^causeway_phase_duration_seconds_count\\{phase="${phase}"\\} [1-9]`, 'm'));
    expect(text).toMatch(/^causeway_bureau_fetch_duration_seconds_count\{bureau="public-security",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^causeway_ledger_commit_wait_seconds_count [1-9]/m);
    expect(text).toMatch(/^causeway_ledger_commit_duration_seconds_count [1-9]/m);
    expect(text).toMatch(/^causeway_ledger_commit_group_size_sum [1-9]/m);
    expect(text).toMatch(/^causeway_ledger_queue_depth \d+$/m);
    expect(text).toMatch(/^causeway_policy_version [1-9]/m);
    expect(text).toMatch(/^process_resident_memory_bytes /m);
    // Each bureau has its own: the gateway's requests it accepted, and Node's runtime.
    const bureau = await (await fetch(`http://127.0.0.1:${bureauPorts(BASE)['public-security']}/metrics`)).text();
    expect(bureau).toMatch(/^causeway_bureau_requests_total\{outcome="accepted"\} [1-9]/m);
    expect(bureau).toMatch(/^process_resident_memory_bytes\{bureau="public-security"\} /m);
    // Every series the Grafana dashboard in docker/ charts is one the gateway or a bureau serves.
    const dashboard = readFileSync(join(ROOT, 'docker', 'grafana-dashboard.json'), 'utf8');
    const charted = [...new Set([...dashboard.matchAll(/\b((?:causeway|process)_[a-z_]+?)(?:_bucket|_count|_sum)?\b/g)].map((match) => match[1]!))];
    expect(charted.length).toBeGreaterThan(10);
    for (const name of charted) expect([name, (text + bureau).includes(`# TYPE ${name} `)]).toEqual([name, true]);
    // Nothing that names a person: no ID number, name or phone of the register.
    for (const person of people.slice(0, 20)) {
      expect(text + bureau).not.toContain(person.idNumber);
      expect(text + bureau).not.toContain(person.name);
    }
  });
});

describe('metrics, for whom', () => {
  it('without the metrics token — even from this host — or with another, GET /metrics is answered as a path that does not exist, and recorded', async () => {
    const unknown = await fetch(`http://127.0.0.1:${BASE}/no-such-path`);
    const unknownBody = (await unknown.json()) as { error: { code: string; message: string; exchangeId: string } };
    for (const headers of [{} as Record<string, string>, { authorization: `Bearer ${METRICS_TOKEN.slice(1)}` }, { authorization: `Basic ${METRICS_TOKEN}` }, { authorization: 'Bearer' }]) {
      const refused = await fetch(`http://127.0.0.1:${BASE}/metrics`, { headers });
      const body = (await refused.json()) as { error: { code: string; message: string; exchangeId: string } };
      expect([refused.status, refused.headers.get('content-type')]).toEqual([unknown.status, unknown.headers.get('content-type')]);
      expect({ ...body.error, exchangeId: typeof body.error.exchangeId }).toEqual({ ...unknownBody.error, exchangeId: 'string' });
      expect(JSON.stringify(body)).not.toContain('causeway_');
      expect(recordOf(dataDir, body.error.exchangeId).entry).toMatchObject({ kind: 'exchange', errorCodes: ['NOT_FOUND'] });
    }
  });
});

describe('logs', () => {
  it('are JSON lines: one access line per exchange with its id, and no token, ID number or stack trace for a caller’s mistake', async () => {
    const token = await callerToken(dataDir, 'civil-affairs.subsidy-review', 'subsidy-eligibility');
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const mistake = await graphql(GATEWAY, '{ person(idNumber: "not-an-id") { name } }', {}, { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(mistake.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const exchangeId = idOf(mistake);
    const gateway = processes.find((p) => p.name === 'gateway')!;
    const bureau = processes.find((p) => p.name === 'public-security')!;
    let lines: string[] = [];
    for (let i = 0; i < 50 && !lines.some((line) => line.includes(exchangeId)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      lines = gateway.output
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'));
    }
    const records = lines.map((line) => JSON.parse(line) as { level: string; context?: string; message: unknown; exchangeId?: string; traceId?: string });
    const access = records.find((record) => record.context === 'Access' && (record.message as { exchangeId?: string }).exchangeId === exchangeId);
    // Every line logged while the exchange is served names it and its trace, as fields of their own.
    expect(access).toMatchObject({ exchangeId, traceId });
    expect(records.filter((record) => record.exchangeId === exchangeId).every((record) => record.traceId === traceId)).toBe(true);
    expect(access?.message).toMatchObject({
      exchangeId,
      system: 'civil-affairs.subsidy-review',
      purpose: 'subsidy-eligibility',
      decision: 'PARTIAL',
      status: 200,
      bureaus: ['public-security'],
    });
    const everything = gateway.output.join('') + bureau.output.join('');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(people[0]!.idNumber);
    expect(bureau.output.join('')).not.toContain('GraphQLError');
  });

  it('log the status a refusal was answered with (405, 415, 404), not a generic 400', async () => {
    const answers = [
      await fetch(GATEWAY, { method: 'PUT' }),
      await fetch(GATEWAY, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }),
      await fetch(GATEWAY.replace('/graphql', '/nowhere')),
    ];
    const refused: Array<[number, string]> = [];
    for (const answer of answers) {
      const body = (await answer.json()) as { errors?: Array<{ extensions: { exchangeId: string } }>; error?: { exchangeId: string } };
      refused.push([answer.status, body.errors?.[0]?.extensions.exchangeId ?? body.error!.exchangeId]);
    }
    expect(refused.map(([status]) => status)).toEqual([405, 415, 404]);
    const gateway = processes.find((p) => p.name === 'gateway')!;
    const logged = async (exchangeId: string) => {
      for (let i = 0; i < 50; i++) {
        const line = gateway.output
          .join('')
          .split('\n')
          .find((candidate) => candidate.startsWith('{') && candidate.includes(exchangeId) && candidate.includes('"Access"'));
        if (line) return (JSON.parse(line) as { message: { status: number } }).message.status;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return null;
    };
    for (const [status, exchangeId] of refused) expect([exchangeId, await logged(exchangeId)]).toEqual([exchangeId, status]);
  });
});
