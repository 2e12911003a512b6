import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSchema, getNamedType, isObjectType, isLeafType, type GraphQLObjectType } from 'graphql';
import { demoPeople } from '#demo-data';
import { callerToken, graphql, waitForStatus, type GraphQLAnswer } from './support/http.js';
import { ledgerRecords } from './support/ledger-rows.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startBureaus, tempDir, type TestProcess, startGateway } from './support/processes.js';

/**
 * Officers and administrators at /admin/graphql through real processes:
 * ownership-scoped grant changes, validation, their effect on the next
 * exchange, and their record in the ledger.
 */
const BASE = 15100;
const GATEWAY = `http://127.0.0.1:${BASE}/graphql`;
const ADMIN = `http://127.0.0.1:${BASE}/admin/graphql`;
const dataDir = tempDir('governance');
const processes: TestProcess[] = [];
const person = demoPeople()[12]!;
const tokens: Record<string, string> = {};

/**
 * The gateway's governance clock stands still, so deadlines are exact whatever
 * the day this runs. CAUSEWAY_E2E_CLOCK picks another pinned day (sunday by
 * default) to show that no weekday is special; each comes with its
 * deadlines, counted by hand in Beijing time: the data authority's review two
 * working days on, the owner's answer ten.
 */
const PINNED_DAYS: Record<string, { now: string; review: string; due: string }> = {
  sunday: { now: '2026-11-29T01:00:00.000Z', review: '2026-12-01T01:00:00.000Z', due: '2026-12-11T01:00:00.000Z' },
  friday: { now: '2026-11-27T01:00:00.000Z', review: '2026-12-01T01:00:00.000Z', due: '2026-12-11T01:00:00.000Z' },
  wednesday: { now: '2026-12-02T01:00:00.000Z', review: '2026-12-04T01:00:00.000Z', due: '2026-12-16T01:00:00.000Z' },
};
const pinned = PINNED_DAYS[process.env.CAUSEWAY_E2E_CLOCK ?? 'sunday']!;

async function as(user: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer> {
  tokens[user] ??= (await runCli(['token', '--user', user, '--data-dir', dataDir])).stdout.trim();
  return graphql(ADMIN, query, variables, { authorization: `Bearer ${tokens[user]}` });
}

async function exchange(system: string, purpose: string, query: string): Promise<GraphQLAnswer> {
  return graphql(GATEWAY, query, {}, { authorization: `Bearer ${await callerToken(dataDir, system, purpose)}` });
}

const PUT = `mutation ($input: GrantInput!) { putGrant(input: $input) { version grant { id validUntil } } }`;
const outreachMarital = {
  id: 'civil-outreach-marital',
  subject: 'health.vaccination-outreach',
  owner: 'civil-affairs',
  target: 'Person.maritalStatus',
  maxLevel: 'SENSITIVE',
  purpose: 'vaccination-outreach',
  validUntil: '2030-01-01T00:00:00+08:00',
  basis: 'test',
};

beforeAll(async () => {
  processes.push(...startBureaus(BASE, dataDir));
  processes.push(startGateway(BASE, dataDir, { CAUSEWAY_DEV_PEOPLE_TOKENS: 'true', CAUSEWAY_TEST_CLOCK: pinned.now }));
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

describe('the data catalog', () => {
  it('filters by level, PII kind and sharing mode, and refuses one the scheme does not have', async () => {
    const sensitive = (await as('officer-ca', '{ catalog(filter: { level: "SENSITIVE", pii: "PHONE" }) { coordinate level pii } }')).body.data!.catalog as Array<{
      level: string;
      pii: string;
    }>;
    expect(sensitive.length).toBeGreaterThan(0);
    expect(sensitive.every((entry) => entry.level === 'SENSITIVE' && entry.pii === 'PHONE')).toBe(true);
    for (const [filter, argument] of [
      ['{ level: "ULTRA" }', 'filter.level'],
      ['{ pii: "DNA" }', 'filter.pii'],
      ['{ sharing: "SOMETIMES" }', 'filter.sharing'],
    ]) {
      const refused = await as('officer-ca', `{ catalog(filter: ${filter}) { coordinate } }`);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });
});

describe('grants, by role and ownership', () => {
  it('an officer of civil affairs cannot grant access to health data; health’s officer can', async () => {
    const refused = await as('officer-ca', PUT, {
      input: { ...outreachMarital, id: 'ca-takes-health', subject: 'civil-affairs', owner: 'health', target: 'Person.vaccinations', maxLevel: 'SENSITIVE', purpose: 'subsidy-eligibility' },
    });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const auditor = await as('auditor-1', PUT, { input: outreachMarital });
    expect(auditor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const grants = await as('admin-1', '{ grants { id } }');
    expect((grants.body.data!.grants as Array<{ id: string }>).map((g) => g.id)).not.toContain('ca-takes-health');
  });

  it("a grant by the owner's officer takes effect on the next exchange, and its revocation too", async () => {
    const query = `{ person(idNumber: "${person.idNumber}") { maritalStatus } }`;
    const before = await exchange('health.vaccination-outreach', 'vaccination-outreach', query);
    expect(before.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', coordinate: 'Person.maritalStatus' });

    const granted = await as('officer-ca', PUT, { input: outreachMarital });
    expect(granted.body.errors).toBeUndefined();
    const after = await exchange('health.vaccination-outreach', 'vaccination-outreach', query);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data!.person).toEqual({ maritalStatus: expect.stringMatching(/^(SINGLE|MARRIED|DIVORCED|WIDOWED)$/) });

    const revoked = await as('officer-ca', 'mutation { revokeGrant(id: "civil-outreach-marital") { version grant { id } } }');
    expect(revoked.body.data!.revokeGrant).toMatchObject({ grant: null });
    const again = await exchange('health.vaccination-outreach', 'vaccination-outreach', query);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_FIELD');
  });

  it('every change is in the ledger: who, what, before, after', async () => {
    const changes = ledgerRecords(dataDir)
      .filter((row) => row.chain === 'governance')
      .map((row) => JSON.parse(row.content) as Record<string, any>)
      .filter((entry) => entry.subject === 'civil-outreach-marital');
    expect(changes.map((entry) => [entry.actor, entry.action, entry.before?.id ?? null, entry.after?.id ?? null])).toEqual([
      ['officer-ca', 'put', null, 'civil-outreach-marital'],
      ['officer-ca', 'revoke', 'civil-outreach-marital', null],
    ]);
  });

  it('officers see the grants that concern their department; grants expiring soon can be listed', async () => {
    const seen = async (user: string, filter: Record<string, unknown> = {}) =>
      ((await as(user, 'query ($filter: GrantFilterInput) { grants(filter: $filter) { id } }', { filter })).body.data!.grants as Array<{ id: string }>).map((g) => g.id).sort();
    expect(await seen('officer-health')).toEqual(['health-civil-vaccination-records', 'health-civil-vaccinations', 'ps-health-address-2025', 'ps-outreach-phone']);
    expect(await seen('admin-1')).toHaveLength(9);
    expect(await seen('admin-1', { expiringWithinDays: 36_500 })).toEqual(['health-civil-vaccination-records', 'health-civil-vaccinations', 'ps-civil-person', 'ps-outreach-phone']);
    // Each with where it stands at the gateway's (pinned) time: the 2025 grant has lapsed.
    const statuses = (await as('officer-health', '{ grants { id status } }')).body.data!.grants as Array<{ id: string; status: string }>;
    expect(Object.fromEntries(statuses.map((grant) => [grant.id, grant.status]))).toEqual({
      'health-civil-vaccination-records': 'ACTIVE',
      'health-civil-vaccinations': 'ACTIVE',
      'ps-health-address-2025': 'LAPSED',
      'ps-outreach-phone': 'ACTIVE',
    });
  });

  it('validates before anything is saved, naming the offending input', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ target: 'Person.shoeSize' }, 'input.target'],
      [{ target: 'Enterprise.*' }, 'input.target'],
      [{ target: 'Person.maritalStatus || true' }, 'input.target'],
      [{ subject: 'tax.collector' }, 'input.subject'],
      [{ purpose: 'curiosity' }, 'input.purpose'],
      [{ maxLevel: 'TOP_SECRET' }, 'input.maxLevel'],
      [{ validUntil: '2020-01-01T00:00:00Z' }, 'input.validUntil'],
      [{ validUntil: 'soon' }, 'input.validUntil'],
      // The year 10000 in UTC: no renewal of it would have an ISO 8601 end.
      [{ validUntil: '9999-12-31T23:59:59-14:00' }, 'input.validUntil'],
      [{ owner: 'tax' }, 'input.owner'],
      [{ effect: 'maybe' }, 'input.effect'],
      [{ obligations: ['mask:SHOE'] }, 'input.obligations.0'],
    ];
    for (const [change, argument] of cases) {
      const answer = await as('admin-1', PUT, { input: { ...outreachMarital, id: 'bad-one', ...change } });
      expect([answer.body.errors?.[0]?.extensions?.code, answer.body.errors?.[0]?.extensions?.argument, change]).toEqual(['BAD_USER_INPUT', argument, change]);
    }
    expect(((await as('admin-1', '{ grants { id } }')).body.data!.grants as Array<{ id: string }>).map((g) => g.id)).not.toContain('bad-one');
  });

  it('refuses a grant that can never allow anything, saying why, and warns where it is partly dead', async () => {
    const dead: Array<[Record<string, unknown>, RegExp]> = [
      [{ owner: 'health', target: 'Person.chronicConditions', maxLevel: 'CORE' }, /Person\.chronicConditions \(never shared/],
      [{ subject: 'market-regulation', owner: 'public-security', target: 'Person.householdAddress', purpose: '*' }, /Person\.householdAddress \(above the subject's clearance/],
      [{ owner: 'public-security', target: 'Person.phone', maxLevel: 'INTERNAL' }, /Person\.phone \(above the grant's maxLevel/],
    ];
    for (const [change, reason] of dead) {
      const answer = await as('admin-1', PUT, { input: { ...outreachMarital, id: 'dead-one', ...change } });
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.target' });
      expect(answer.body.errors?.[0]?.message).toMatch(reason);
    }
    const partly = await as('admin-1', 'mutation ($input: GrantInput!) { putGrant(input: $input) { warnings } }', {
      input: { ...outreachMarital, id: 'partly-dead', subject: 'market-regulation', owner: 'public-security', target: 'Person.*', purpose: '*' },
    });
    expect(partly.body.errors).toBeUndefined();
    expect((partly.body.data!.putGrant as { warnings: string[] }).warnings[0]).toMatch(
      /^5 field\(s\) the grant covers can never be served: .*Person\.name \(above the subject's clearance\)/,
    );
    await as('admin-1', 'mutation { revokeGrant(id: "partly-dead") { version } }');
  });

  it('extends a grant, and refuses to move its end into the past', async () => {
    const extended = await as('officer-health', 'mutation { extendGrant(id: "health-civil-vaccinations", validUntil: "2031-06-30T23:59:59+08:00") { grant { validUntil } } }');
    expect(extended.body.data!.extendGrant).toEqual({ grant: { validUntil: '2031-06-30T23:59:59+08:00' } });
    const past = await as('officer-health', 'mutation { extendGrant(id: "health-civil-vaccinations", validUntil: "2001-01-01T00:00:00Z") { version } }');
    expect(past.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.validUntil' });
    const notTheirs = await as('officer-health', 'mutation { extendGrant(id: "ps-civil-person", validUntil: "2031-01-01T00:00:00Z") { version } }');
    expect(notTheirs.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('seeing before changing', () => {
  it('simulate matches the real decision for the same request', async () => {
    const query = `{ person(idNumber: "${person.idNumber}") { name phone householdAddress chronicConditions } }`;
    const simulated = await as(
      'officer-ca',
      'query ($op: String!) { simulate(system: "civil-affairs.subsidy-review", purpose: "subsidy-eligibility", operation: $op) { path outcome mask denial rules } }',
      { op: query },
    );
    expect(simulated.body.errors).toBeUndefined();
    const rows = simulated.body.data!.simulate as Array<{ path: string; outcome: string; mask: string | null; denial: string | null }>;
    const real = await exchange('civil-affairs.subsidy-review', 'subsidy-eligibility', query);
    const forbidden = (real.body.errors ?? []).map((error) => [(error.path ?? []).join('.'), error.extensions?.reason]);
    expect(rows.filter((row) => row.outcome === 'deny').map((row) => [row.path, row.denial])).toEqual(forbidden);
    const data = real.body.data!.person as Record<string, string | null>;
    expect(rows.find((row) => row.path === 'person.name')).toMatchObject({ outcome: 'allow', mask: 'NAME' });
    expect(data.name).toMatch(/^.\*+$/u);
    expect(rows.find((row) => row.path === 'person.householdAddress')).toMatchObject({ outcome: 'allow', mask: 'ADDRESS' });

    const byDepartment = await as(
      'officer-ca',
      '{ simulate(department: "market-regulation", clearance: "INTERNAL", purpose: "business-licensing", operation: "{ person(idNumber: \\"1\\") { gender name } }") { path outcome denial } }',
    );
    expect(byDepartment.body.data!.simulate).toEqual([
      { path: 'person', outcome: 'allow', denial: null },
      { path: 'person.gender', outcome: 'allow', denial: null },
      { path: 'person.name', outcome: 'deny', denial: 'CLEARANCE' },
    ]);
    const bad = await as('officer-ca', '{ simulate(system: "civil-affairs.subsidy-review", purpose: "vaccination-outreach", operation: "{ __typename }") { path } }');
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'purpose' });
  });

  it('simulate with a proposed grant decides as if it were saved, checks it as a save would, and saves nothing', async () => {
    const WHAT_IF =
      'query ($op: String!, $put: GrantInput) { simulate(system: "health.vaccination-outreach", purpose: "vaccination-outreach", operation: $op, put: $put) { path outcome rules } }';
    const op = '{ person(idNumber: "1") { maritalStatus } }';
    const marital = (answer: GraphQLAnswer) => (answer.body.data!.simulate as Array<{ path: string; outcome: string; rules: string[] }>).find((row) => row.path === 'person.maritalStatus');
    expect(marital(await as('officer-ca', WHAT_IF, { op }))).toMatchObject({ outcome: 'deny' });
    const proposed = { ...outreachMarital, id: 'what-if-marital' };
    const asIfSaved = marital(await as('officer-ca', WHAT_IF, { op, put: proposed }));
    expect(asIfSaved).toMatchObject({ outcome: 'allow' });
    expect(asIfSaved!.rules.join(' ')).toContain('what-if-marital');
    // Nothing was saved: the live policy still refuses, and no such grant exists.
    expect(marital(await as('officer-ca', WHAT_IF, { op }))).toMatchObject({ outcome: 'deny' });
    expect(((await as('admin-1', '{ grants { id } }')).body.data!.grants as Array<{ id: string }>).map((g) => g.id)).not.toContain('what-if-marital');
    // Checked as a save: another department's data is not the health officer's to grant; a bad input is named.
    expect((await as('officer-health', WHAT_IF, { op, put: proposed })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await as('officer-ca', WHAT_IF, { op, put: { ...proposed, target: 'Person.nothing' } })).body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'input.target',
    });
  });

  it('impact analysis replays the recorded exchanges: exact counts per caller and field', async () => {
    for (let i = 0; i < 3; i++) await exchange('health.vaccination-outreach', 'vaccination-outreach', `{ person(idNumber: "${person.idNumber}") { phone gender } }`);
    for (let i = 0; i < 2; i++) await exchange('civil-affairs.subsidy-review', 'subsidy-eligibility', `{ person(idNumber: "${person.idNumber}") { phone gender } }`);
    const IMPACT = `{ callers { system exchanges } fields { coordinate newlyDenied newlyAllowed maskChanged } exchangesAffected newlyDenied newlyAllowed maskChanged }`;
    // An officer learns nothing of exchanges that never read their department's data: they are not even counted.
    const health = await as('officer-health', `{ impact(revoke: "health-civil-vaccinations") { exchangesExamined } }`);
    const healthOwned = ledgerRecords(dataDir).filter((row) => JSON.parse(row.content).fields?.some((field: { owner: string }) => field.owner === 'health')).length;
    expect((health.body.data!.impact as { exchangesExamined: number }).exchangesExamined).toBeLessThanOrEqual(healthOwned);
    // Revoking the outreach system's phone grant: its three phone reads would have been refused.
    const revoke = await as('officer-ca', `{ impact(revoke: "ps-outreach-phone") ${IMPACT} }`);
    expect(revoke.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const answer = await as('admin-1', `{ impact(revoke: "ps-outreach-phone") ${IMPACT} }`);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.impact).toEqual({
      callers: [{ system: 'health.vaccination-outreach', exchanges: 3 }],
      fields: [{ coordinate: 'Person.phone', newlyDenied: 3, newlyAllowed: 0, maskChanged: 0 }],
      exchangesAffected: 3,
      newlyDenied: 3,
      newlyAllowed: 0,
      maskChanged: 0,
    });
    // Granting outreach marital status again: the three marital-status reads of the grant test would now be served.
    const put = await as('officer-ca', `query ($input: GrantInput!) { impact(put: $input) ${IMPACT} }`, { input: outreachMarital });
    expect(put.body.data!.impact).toMatchObject({ exchangesAffected: 3, newlyAllowed: 3, newlyDenied: 0, fields: [{ coordinate: 'Person.maritalStatus', newlyAllowed: 3 }] });
    // Nothing was saved.
    expect(((await as('admin-1', '{ grants { id } }')).body.data!.grants as Array<{ id: string }>).map((g) => g.id)).toContain('ps-outreach-phone');
  });

  it('rollback restores the previous behaviour, as a new version', async () => {
    const query = `{ person(idNumber: "${person.idNumber}") { phone } }`;
    expect((await exchange('health.vaccination-outreach', 'vaccination-outreach', query)).body.errors).toBeUndefined();
    const revoked = await as('admin-1', 'mutation { revokeGrant(id: "ps-outreach-phone") { version } }');
    const revokedVersion = (revoked.body.data!.revokeGrant as { version: number }).version;
    expect((await exchange('health.vaccination-outreach', 'vaccination-outreach', query)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_FIELD');

    const history = await as('officer-health', '{ policyVersions(last: 3) { version actor action subject before after } }');
    expect((history.body.data!.policyVersions as Array<Record<string, unknown>>)[0]).toMatchObject({
      version: revokedVersion,
      actor: 'admin-1',
      action: 'revoke',
      subject: 'ps-outreach-phone',
      after: null,
    });

    // An officer rolls back their own department's grants only: public security's revocation stands. Health's grants
    // are as they were, so there is nothing to roll back: refused, and no version is made.
    const scoped = await as('officer-health', `mutation { rollbackPolicy(toVersion: ${revokedVersion - 1}) { version } }`);
    expect(scoped.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'toVersion' });
    expect((await exchange('health.vaccination-outreach', 'vaccination-outreach', query)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_FIELD');
    expect((await as('admin-1', '{ policyVersions(last: 1) { version action } }')).body.data!.policyVersions).toEqual([{ version: revokedVersion, action: 'revoke' }]);
    // Public security's officer may roll back its own revocation.
    const own = await as('officer-ps', `mutation { rollbackPolicy(toVersion: ${revokedVersion - 1}) { version } }`);
    expect(own.body.data!.rollbackPolicy).toEqual({ version: revokedVersion + 1 });
    const scopedRecord = await as('admin-1', '{ policyVersions(last: 1) { actor action subject } }');
    expect(scopedRecord.body.data!.policyVersions).toEqual([{ actor: 'officer-ps', action: 'rollback', subject: `version:${revokedVersion - 1} owner:public-security` }]);
    expect((await exchange('health.vaccination-outreach', 'vaccination-outreach', query)).body.errors).toBeUndefined();
    expect((await as('auditor-1', `mutation { rollbackPolicy(toVersion: ${revokedVersion - 1}) { version } }`)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Revoked again: the administrator's rollback spans every department.
    await as('admin-1', 'mutation { revokeGrant(id: "ps-outreach-phone") { version } }');
    expect((await exchange('health.vaccination-outreach', 'vaccination-outreach', query)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_FIELD');
    const rolledBack = await as('admin-1', `mutation { rollbackPolicy(toVersion: ${revokedVersion - 1}) { version } }`);
    expect(rolledBack.body.data!.rollbackPolicy).toEqual({ version: revokedVersion + 3 });
    expect((await exchange('health.vaccination-outreach', 'vaccination-outreach', query)).body.errors).toBeUndefined();
    const latest = await as('admin-1', '{ policyVersions(last: 1) { action subject } }');
    expect(latest.body.data!.policyVersions).toEqual([{ action: 'rollback', subject: `version:${revokedVersion - 1}` }]);
    // The same rollback again changes nothing: refused, no version.
    expect((await as('admin-1', `mutation { rollbackPolicy(toVersion: ${revokedVersion - 1}) { version } }`)).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await as('admin-1', 'mutation { rollbackPolicy(toVersion: 9999) { version } }')).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'toVersion' });
  });
});

describe('the registry of calling systems and purposes', () => {
  const PUT_SYSTEM = 'mutation ($input: SystemInput!) { putSystem(input: $input) { version } }';
  const jwks = JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }] });
  const input = { id: 'tax.audit', department: 'tax', clearance: 'INTERNAL', purposes: ['business-licensing'], jwks };

  it('administrators change it, validated before anything is saved; others only read it', async () => {
    expect((await as('officer-ca', PUT_SYSTEM, { input })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknownLevel = await as('admin-1', PUT_SYSTEM, { input: { ...input, clearance: 'TOP' } });
    expect(unknownLevel.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input' });
    expect(unknownLevel.body.errors?.[0]?.message).toContain('unknown clearance TOP');
    const badId = await as('admin-1', PUT_SYSTEM, { input: { ...input, id: 'Tax Audit' } });
    expect(badId.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.id' });
    const badKeys = await as('admin-1', PUT_SYSTEM, { input: { ...input, jwks: '{keys' } });
    expect(badKeys.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.jwks' });
    // A private key is never taken into the registry (it would be shown and recorded).
    const privateKey = JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', d: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }] });
    expect((await as('admin-1', PUT_SYSTEM, { input: { ...input, jwks: privateKey } })).body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'input.jwks.keys.0',
    });
    // Longer than the registry keeps: refused as input, never a database error.
    const longPurpose = await as('admin-1', `mutation { putPurpose(name: "${'a'.repeat(65)}", description: "x") { version } }`);
    expect(longPurpose.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'name' });
    // Text shown to people carries no control characters or bidirectional overrides (they make stored text lie on screen).
    const spoofing = await as('admin-1', 'mutation ($d: String!) { putPurpose(name: "p-ctl", description: $d) { version } }', { d: 'a\u0000b\u001b[31mRED\r\nFAKE\u202e' });
    expect(spoofing.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'd' });
    // The caller's mistake, answered as one (it was 500: refused before execution, without a status).
    expect(spoofing.status).toBe(400);
    // Invisible characters too: a name that looks like another's, or like nothing.
    for (const name of ['Demo administrator\u{E0020}', '\u00ad\u00ad', '\u3164', 'a\u2028b']) {
      const invisible = await as('admin-1', 'mutation ($input: PersonInput!) { putPerson(input: $input) { version } }', { input: { id: 'x-invisible', name, roles: ['auditor'] } });
      expect([name, invisible.status, invisible.body.errors?.[0]?.extensions?.code]).toEqual([name, 400, 'BAD_USER_INPUT']);
    }
    expect(((await as('auditor-1', '{ purposes { name } }')).body.data!.purposes as Array<{ name: string }>).map((p) => p.name)).not.toContain('p-ctl');

    expect((await as('admin-1', PUT_SYSTEM, { input })).body.errors).toBeUndefined();
    const listed = await as('auditor-1', '{ systems { id clearance purposes jwks } purposes { name } }');
    expect(listed.body.data!.systems).toContainEqual({ id: 'tax.audit', clearance: 'INTERNAL', purposes: ['business-licensing'], jwks });
    // A purpose a system still declares cannot go; the system first.
    const inUse = await as('admin-1', 'mutation { removePurpose(name: "business-licensing") { version } }');
    expect(inUse.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(inUse.body.errors?.[0]?.message).toContain('unregistered purpose business-licensing');
    expect((await as('admin-1', 'mutation { removeSystem(id: "tax.audit") { version } }')).body.errors).toBeUndefined();
    const gone = await as('admin-1', 'mutation { removeSystem(id: "tax.audit") { version } }');
    expect(gone.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(ledgerRecords(dataDir).filter((record) => record.chain === 'registry' && record.content.includes('system:tax.audit'))).toHaveLength(2);
  });
});

describe('the people of the admin API', () => {
  const PUT_PERSON = 'mutation ($input: PersonInput!) { putPerson(input: $input) { version } }';

  it('are registered and removed by administrators, effective from the next request; the last administrator stays', async () => {
    const officer = { id: 'officer-tax', name: 'Tax officer', roles: ['officer'], department: 'tax' };
    expect((await as('officer-ca', PUT_PERSON, { input: officer })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noDepartment = await as('admin-1', PUT_PERSON, { input: { ...officer, department: null } });
    expect(noDepartment.body.errors?.[0]?.message).toContain('an officer acts for a department');
    expect((await as('admin-1', PUT_PERSON, { input: { ...officer, roles: ['janitor'] } })).body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'input.roles.0',
    });
    expect((await as('admin-1', PUT_PERSON, { input: officer })).body.errors).toBeUndefined();
    // Their token now names someone the registry knows, with the roles it gives.
    expect((await as('officer-tax', '{ me { id roles department } }')).body.data).toEqual({ me: { id: 'officer-tax', roles: ['officer'], department: 'tax' } });
    expect((await as('admin-1', 'mutation { removePerson(id: "officer-tax") { version } }')).body.errors).toBeUndefined();
    expect((await as('officer-tax', '{ me { id } }')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    expect((await as('admin-1', 'mutation { removePerson(id: "admin-2") { version } }')).body.errors).toBeUndefined();
    const last = await as('admin-1', 'mutation { removePerson(id: "admin-1") { version } }');
    expect(last.body.errors?.[0]?.message).toContain('no administrator would be left');
    expect((await as('admin-1', PUT_PERSON, { input: { id: 'admin-2', name: 'Second approver', roles: ['administrator'] } })).body.errors).toBeUndefined();
    expect((await as('auditor-1', '{ people { id } }')).body.data!.people).toContainEqual({ id: 'admin-2' });
  });
});

describe('causeway registry', () => {
  const cli = (args: string[], user = 'admin-1') => runCli(['registry', ...args, '--gateway', `http://127.0.0.1:${BASE}`, '--user', user, '--data-dir', dataDir]);

  it('changes the registry of a running gateway through its admin API, and lists it', async () => {
    const purpose = await cli(['put-purpose', 'statistics', '--description', 'Official statistics (统计调查)']);
    expect(purpose.code).toBe(0);
    expect(JSON.parse(purpose.stdout)).toEqual({ putPurpose: { version: expect.any(Number) } });
    const file = join(tempDir('registry-cli'), 'system.yaml');
    writeFileSync(file, 'id: statistics.census\ndepartment: statistics\nclearance: INTERNAL\npurposes: [statistics]\njwksUrl: https://statistics.example.gov.cn/jwks.json\n');
    expect((await cli(['put-system', '--file', file])).code).toBe(0);
    const systems = JSON.parse((await cli(['list', 'systems'], 'auditor-1')).stdout) as { systems: Array<{ id: string; jwksUrl: string | null }> };
    expect(systems.systems).toContainEqual(expect.objectContaining({ id: 'statistics.census', jwksUrl: 'https://statistics.example.gov.cn/jwks.json' }));
    const versions = JSON.parse((await cli(['list', 'versions'])).stdout) as { supergraphVersions: Array<{ status: string; bureaus: string[] }> };
    expect(versions.supergraphVersions[0]).toMatchObject({ status: 'ACTIVE', bureaus: ['civil-affairs', 'health', 'market-regulation', 'public-security'] });

    // The API's refusals: bad input exits 2 naming it; a person without the role exits 1.
    const bad = await cli(['remove-purpose', 'statistics']);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('BAD_USER_INPUT') });
    expect(await cli(['remove-system', 'statistics.census'], 'officer-ca')).toMatchObject({ code: 1, stderr: expect.stringContaining('FORBIDDEN') });
    expect((await cli(['remove-system', 'statistics.census'])).code).toBe(0);
    expect((await cli(['remove-purpose', 'statistics'])).code).toBe(0);
    expect(await cli(['list', 'everything'])).toMatchObject({ code: 2, stderr: expect.stringContaining('systems, purposes, bureaus, people, issuers, versions') });

    expect((await cli(['put-person', 'auditor-2', '--name', 'Second auditor', '--role', 'auditor'])).code).toBe(0);
    const people = JSON.parse((await cli(['list', 'people'])).stdout) as { people: Array<{ id: string; roles: string[] }> };
    expect(people.people).toContainEqual(expect.objectContaining({ id: 'auditor-2', roles: ['auditor'] }));
    expect((await cli(['remove-person', 'auditor-2'])).code).toBe(0);
  });
});

describe('the schema a system may read (GET /schema)', () => {
  /** Every field of a type the contract lists, nested objects two levels down, skipping fields with required arguments. */
  function selectAll(type: GraphQLObjectType, depth: number): string {
    const fields = Object.values(type.getFields()).filter((field) => field.args.every((arg) => !arg.type.toString().endsWith('!')));
    return fields
      .flatMap((field) => {
        const named = getNamedType(field.type);
        if (isLeafType(named)) return [field.name];
        return depth > 0 && isObjectType(named) ? [`${field.name} { ${selectAll(named, depth - 1)} }`] : [];
      })
      .join(' ');
  }

  it('lists exactly what simulate allows that system for that purpose, masks and levels described', async () => {
    const response = await fetch(`http://127.0.0.1:${BASE}/schema`, {
      headers: { authorization: `Bearer ${await callerToken(dataDir, 'civil-affairs.subsidy-review', 'subsidy-eligibility')}` },
    });
    expect(response.status).toBe(200);
    const sdl = await response.text();
    const contract = buildSchema(sdl);
    const personType = getNamedType(contract.getQueryType()!.getFields().person!.type) as GraphQLObjectType;
    const operation = `{ person(idNumber: "${person.idNumber}") { ${selectAll(personType, 2)} } }`;
    const simulated = await as(
      'officer-ca',
      'query ($op: String!) { simulate(system: "civil-affairs.subsidy-review", purpose: "subsidy-eligibility", operation: $op) { path outcome mask } }',
      { op: operation },
    );
    expect(simulated.body.errors).toBeUndefined();
    const rows = simulated.body.data!.simulate as Array<{ path: string; outcome: string; mask: string | null }>;
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((row) => row.outcome !== 'allow')).toEqual([]);
    // Each mask simulate names is in the field's description.
    expect(rows.find((row) => row.path === 'person.name')).toMatchObject({ mask: 'NAME' });
    expect(personType.getFields().name!.description).toContain('served masked (NAME)');
    // A field simulate denies is not in the contract.
    const denied = await as(
      'officer-ca',
      '{ simulate(system: "civil-affairs.subsidy-review", purpose: "subsidy-eligibility", operation: "{ person(idNumber: \\"1\\") { chronicConditions } }") { path outcome } }',
    );
    expect(denied.body.data!.simulate).toContainEqual({ path: 'person.chronicConditions', outcome: 'deny' });
    expect(personType.getFields().chronicConditions).toBeUndefined();
  });

  it('is refused, and recorded, without a valid caller token', async () => {
    const response = await fetch(`http://127.0.0.1:${BASE}/schema`, { headers: { authorization: 'Bearer not.a.token' } });
    expect(response.status).toBe(401);
    // JSON, labelled as JSON: nothing for the framework to warn about (a log an unauthenticated caller could flood).
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(processes.at(-1)!.text).not.toContain("Content-Type doesn't match");
    const body = (await response.json()) as { error: { code: string; exchangeId: string } };
    expect(body.error).toMatchObject({ code: 'UNAUTHENTICATED', exchangeId: expect.any(String) });
    expect(ledgerRecords(dataDir).some((record) => record.exchange_id === body.error.exchangeId)).toBe(true);
  });
});

describe('conditional sharing applications (申请—答复)', () => {
  const APPLY = 'mutation ($input: ApplicationInput!) { applyForData(input: $input) { id status owner consumer subject dueAt overdue } }';
  const addressQuery = `{ person(idNumber: "${person.idNumber}") { householdAddress } }`;
  /** The data authority's conformity review passes an application on to its owner. */
  async function accepted(id: string): Promise<{ status: string; dueAt: string }> {
    return (await as('admin-1', `mutation { reviewApplication(id: "${id}", decision: ACCEPT) { status dueAt } }`)).body.data!.reviewApplication as { status: string; dueAt: string };
  }

  it('approval by the owner makes the consumer’s next query succeed, masked as granted; the history is in the ledger', async () => {
    const before = await exchange('health.vaccination-outreach', 'vaccination-outreach', addressQuery);
    expect(before.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', reason: 'NO_GRANT' });

    const applied = await as('officer-health', APPLY, {
      input: {
        owner: 'public-security',
        targets: ['Person.householdAddress'],
        purpose: 'vaccination-outreach',
        subject: 'health.vaccination-outreach',
        maxLevel: 'SENSITIVE',
        basis: 'Home visits for overdue vaccinations (卫健委 2026-14)',
        requestedDays: 90,
      },
    });
    expect(applied.body.errors).toBeUndefined();
    const application = applied.body.data!.applyForData as { id: string; status: string; dueAt: string; overdue: boolean };
    expect(application).toMatchObject({ status: 'IN_REVIEW', overdue: false, owner: 'public-security', consumer: 'health' });
    // The data authority reviews within two working days, then the owner answers within ten (weekends skipped) from the pinned instant.
    expect(application.dueAt).toBe(pinned.review);
    expect((await as('officer-ps', `mutation { approveApplication(id: "${application.id}") { status } }`)).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await accepted(application.id)).toEqual({ status: 'PENDING', dueAt: pinned.due });

    const inbox = await as('officer-ps', '{ applications(box: INBOX, status: "PENDING") { id } }');
    expect(inbox.body.data!.applications).toEqual([{ id: application.id }]);
    expect((await as('officer-ca', `mutation { approveApplication(id: "${application.id}") { status } }`)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const approved = await as('officer-ps', `mutation { approveApplication(id: "${application.id}", days: 30) { status answeredBy grantIds } }`);
    expect(approved.body.data!.approveApplication).toEqual({ status: 'APPROVED', answeredBy: 'officer-ps', grantIds: [expect.stringMatching(/^app-/)] });

    const after = await exchange('health.vaccination-outreach', 'vaccination-outreach', addressQuery);
    expect(after.body.errors).toBeUndefined();
    // Served outside its owner, the address is masked to the district unless a grant says otherwise.
    expect((after.body.data!.person as { householdAddress: string }).householdAddress).toMatch(/\*\*\*$/);

    const grant = ((await as('officer-health', '{ grants(filter: { expiringWithinDays: 31 }) { id validUntil basis } }')).body.data!.grants as Array<{ id: string; basis: string }>).find(
      (candidate) => candidate.id.startsWith('app-'),
    );
    expect(grant?.basis).toContain(application.id);
    const history = await as('officer-health', `{ applicationHistory(id: "${application.id}") { actor action } }`);
    expect(history.body.data!.applicationHistory).toEqual([
      { actor: 'officer-health', action: 'apply' },
      { actor: 'admin-1', action: 'accept' },
      { actor: 'officer-ps', action: 'approve' },
    ]);
    expect((await as('officer-ps', `mutation { refuseApplication(id: "${application.id}", reason: "too late") { status } }`)).body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'id',
    });
  });

  it('a refusal needs a reason, creates nothing and leaves the consumer denied', async () => {
    const query = `{ person(idNumber: "${person.idNumber}") { subsistenceAllowance { status } } }`;
    const applied = await as('officer-health', APPLY, {
      input: {
        owner: 'civil-affairs',
        targets: ['Person.subsistenceAllowance', 'SubsistenceAllowance.*'],
        purpose: 'vaccination-outreach',
        maxLevel: 'SENSITIVE',
        basis: 'Outreach priorities',
        requestedDays: 365,
      },
    });
    const id = (applied.body.data!.applyForData as { id: string }).id;
    await accepted(id);
    expect((await as('officer-ca', `mutation { refuseApplication(id: "${id}", reason: "  ") { status } }`)).body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'reason',
    });
    const refused = await as('officer-ca', `mutation { refuseApplication(id: "${id}", reason: "Allowance status is not needed for vaccination outreach.") { status reason grantIds } }`);
    expect(refused.body.data!.refuseApplication).toEqual({ status: 'REFUSED', reason: 'Allowance status is not needed for vaccination outreach.', grantIds: null });
    const answer = await exchange('health.vaccination-outreach', 'vaccination-outreach', query);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_FIELD');
  });

  it('the applicant may withdraw before an answer; then nobody can answer it', async () => {
    const applied = await as('officer-ca', APPLY, {
      input: { owner: 'health', targets: ['MedicalInsurance.*'], purpose: 'subsidy-eligibility', maxLevel: 'INTERNAL', basis: 'Insurance check', requestedDays: 10 },
    });
    const id = (applied.body.data!.applyForData as { id: string }).id;
    expect((await as('officer-health', `mutation { withdrawApplication(id: "${id}") { status } }`)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await as('officer-ca', `mutation { withdrawApplication(id: "${id}") { status } }`)).body.data!.withdrawApplication).toEqual({ status: 'WITHDRAWN' });
    expect((await as('officer-health', `mutation { approveApplication(id: "${id}") { status } }`)).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('validates an application, naming the offending input; only officers apply', async () => {
    const base = { owner: 'health', targets: ['Person.vaccinations'], purpose: 'subsidy-eligibility', maxLevel: 'SENSITIVE', basis: 'b', requestedDays: 30 };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ targets: ['Person.householdAddress'] }, 'input.targets.0'],
      [{ targets: [] }, 'input.targets'],
      [{ owner: 'civil-affairs' }, 'input.owner'],
      [{ basis: ' ' }, 'input.basis'],
      [{ requestedDays: 0 }, 'input.requestedDays'],
      [{ purpose: 'curiosity' }, 'input.purpose'],
      [{ subject: 'health.vaccination-outreach' }, 'input.subject'],
    ];
    for (const [change, argument] of cases) {
      const answer = await as('officer-ca', APPLY, { input: { ...base, ...change } });
      expect([answer.body.errors?.[0]?.extensions?.code, answer.body.errors?.[0]?.extensions?.argument]).toEqual(['BAD_USER_INPUT', argument]);
    }
    expect((await as('auditor-1', APPLY, { input: base })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await as('admin-1', APPLY, { input: base })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
