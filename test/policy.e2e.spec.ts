import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoEnterprises, demoPeople } from '#demo-data';
import { callerToken, graphql, waitForStatus } from './support/http.js';
import { startBureaus, tempDir, type TestProcess, startGateway } from './support/processes.js';

/**
 * Field-level decisions through real processes: one gateway in filter mode
 * (the default) and one in reject mode, over the same four bureaus and the
 * demo grants.
 */
const BASE = 14600;
const FILTER = `http://127.0.0.1:${BASE}/graphql`;
const REJECT = `http://127.0.0.1:${BASE + 9}/graphql`;
const dataDir = tempDir('policy');
const processes: TestProcess[] = [];
const people = demoPeople();
const person = people[7]!;

beforeAll(async () => {
  processes.push(...startBureaus(BASE, dataDir));
  const gateway = (port: number, extra: Record<string, string>) => startGateway(BASE, dataDir, { ...extra }, port);
  processes.push(gateway(BASE, {}));
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
  // The second gateway shares the keys and database of the first (a replica).
  processes.push(gateway(BASE + 9, { CAUSEWAY_ENFORCEMENT_MODE: 'reject' }));
  await waitForStatus(`http://127.0.0.1:${BASE + 9}/health`, 200);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

type Caller = 'civil-affairs.subsidy-review' | 'health.vaccination-outreach' | 'market-regulation.licensing' | 'public-security.household-registry';
const PURPOSE: Record<Caller, string> = {
  'civil-affairs.subsidy-review': 'subsidy-eligibility',
  'health.vaccination-outreach': 'vaccination-outreach',
  'market-regulation.licensing': 'business-licensing',
  'public-security.household-registry': 'household-administration',
};

async function ask(system: Caller, query: string, options: { url?: string; variables?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
  return graphql(options.url ?? FILTER, query, options.variables ?? {}, {
    authorization: `Bearer ${await callerToken(dataDir, system, PURPOSE[system])}`,
    ...options.headers,
  });
}

function forbidden(answer: Awaited<ReturnType<typeof ask>>): Array<[string, string]> {
  return (answer.body.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN_FIELD').map((error) => [(error.path ?? []).join('.'), String(error.extensions?.coordinate)]);
}

describe('masks as they reach the caller', () => {
  it('masks PII outside its owner, following aliases, and serves it in clear where a grant says so', async () => {
    const answer = await ask(
      'health.vaccination-outreach',
      `query ($id: ID!) {
      resident: person(idNumber: $id) { id: idNumber fullName: name mobile: phone birthDate gender }
    }`,
      { variables: { id: person.idNumber } },
    );
    expect(answer.body.errors).toBeUndefined();
    const resident = answer.body.data!.resident as Record<string, string>;
    expect(resident.id).toBe(`${person.idNumber.slice(0, 6)}********${person.idNumber.slice(14)}`);
    expect(resident.fullName).toBe(`${[...person.name][0]}${'*'.repeat([...person.name].length - 1)}`);
    expect(resident.birthDate).toMatch(/^\d{4}-\*\*-\*\*$/);
    // grant ps-outreach-phone: the outreach system may call residents, so the phone is clear.
    expect(resident.mobile).toMatch(/^1\d{10}$/);
    expect(resident.gender).toBe(person.gender);
  });

  it('serves the owner department its own data in clear', async () => {
    const answer = await ask('public-security.household-registry', `{ person(idNumber: "${person.idNumber}") { idNumber name phone householdAddress } }`);
    expect(answer.body.data).toEqual({
      person: { idNumber: person.idNumber, name: person.name, phone: person.phone, householdAddress: person.householdAddress },
    });
  });
});

describe('filter mode', () => {
  it('names each place of a denied field in a list, index included', async () => {
    const answer = await ask('health.vaccination-outreach', '{ people(first: 2) { nodes { gender maritalStatus } } }');
    expect(forbidden(answer)).toEqual([
      ['people.nodes.0.maritalStatus', 'Person.maritalStatus'],
      ['people.nodes.1.maritalStatus', 'Person.maritalStatus'],
    ]);
  });

  it('serves what may be read, nulls the rest with one FORBIDDEN_FIELD each, and never asks the bureau', async () => {
    const answer = await ask(
      'health.vaccination-outreach',
      `{ person(idNumber: "${person.idNumber}") {
      maritalStatus gender subsistenceAllowance { status monthlyAmount } householdAddress
    } }`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ person: { gender: person.gender, maritalStatus: null, subsistenceAllowance: null, householdAddress: null } });
    // In the order they were asked for, as GraphQL answers: a denied field's null stands where it was selected.
    expect(Object.keys((answer.body.data as { person: object }).person)).toEqual(['maritalStatus', 'gender', 'subsistenceAllowance', 'householdAddress']);
    expect(forbidden(answer).sort()).toEqual([
      ['person.householdAddress', 'Person.householdAddress'],
      ['person.maritalStatus', 'Person.maritalStatus'],
      ['person.subsistenceAllowance', 'Person.subsistenceAllowance'],
      ['person.subsistenceAllowance.monthlyAmount', 'SubsistenceAllowance.monthlyAmount'],
      ['person.subsistenceAllowance.status', 'SubsistenceAllowance.status'],
    ]);
    const reasons = new Set(answer.body.errors!.map((error) => error.extensions?.reason));
    expect(reasons).toEqual(new Set(['NO_GRANT']));
    // Civil affairs resolves maritalStatus and subsistenceAllowance: it was not asked at all.
    expect(answer.body.extensions?.causeway?.bureaus).toEqual(['public-security']);
  });

  it('answers a denied field of non-null type with its nearest nullable parent null, as GraphQL does with a failed field', async () => {
    const enterprise = demoEnterprises()[0]!;
    // Person.idNumber (ID!) is SENSITIVE, above this system's clearance; legalRepresentative is Person!, enterprise is nullable.
    const answer = await ask('market-regulation.licensing', `{ e: enterprise(creditCode: "${enterprise.creditCode}") { name legalRepresentative { gender idNumber } } }`);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ e: null });
    expect(forbidden(answer)).toEqual([['e.legalRepresentative.idNumber', 'Person.idNumber']]);
    // Without it, the same system is served the rest.
    const without = await ask('market-regulation.licensing', `{ e: enterprise(creditCode: "${enterprise.creditCode}") { name legalRepresentative { gender } } }`);
    expect(without.body.data).toEqual({ e: { name: enterprise.name, legalRepresentative: { gender: expect.any(String) } } });
  });

  it('keeps an operation whose every field is denied valid', async () => {
    const answer = await ask('market-regulation.licensing', `{ person(idNumber: "${person.idNumber}") { name householdAddress } }`);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ person: { name: null, householdAddress: null } });
    expect(answer.body.errors?.map((error) => error.extensions?.reason)).toEqual(['CLEARANCE', 'CLEARANCE']);
  });

  it('lets a caller ask for reject mode, never the other way round', async () => {
    const query = `{ person(idNumber: "${person.idNumber}") { gender maritalStatus } }`;
    const stricter = await ask('health.vaccination-outreach', query, { headers: { 'x-causeway-enforcement': 'reject' } });
    expect(stricter.status).toBe(403);
    expect(stricter.body.errors?.[0]?.extensions?.code).toBe('OPERATION_DENIED');
    const looser = await ask('health.vaccination-outreach', query, { url: REJECT, headers: { 'x-causeway-enforcement': 'filter' } });
    expect(looser.status).toBe(403);
  });
});

describe('reject mode', () => {
  it('refuses the whole operation, listing the denied coordinates, and serves an allowed one', async () => {
    const denied = await ask('health.vaccination-outreach', `{ person(idNumber: "${person.idNumber}") { gender m: maritalStatus chronicConditions } }`, { url: REJECT });
    expect(denied.status).toBe(403);
    expect(denied.body.data ?? null).toBeNull();
    expect(denied.body.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_DENIED',
      denied: [
        { coordinate: 'Person.maritalStatus', path: 'person.m', reason: 'NO_GRANT' },
        // Health's own core data, but the outreach system's clearance is SENSITIVE.
        { coordinate: 'Person.chronicConditions', path: 'person.chronicConditions', reason: 'CLEARANCE' },
      ],
    });
    const allowed = await ask('health.vaccination-outreach', `{ person(idNumber: "${person.idNumber}") { gender vaccinations { vaccine } } }`, { url: REJECT });
    expect(allowed.status).toBe(200);
    expect(allowed.body.errors).toBeUndefined();
  });
});

describe('smuggling a denied field', () => {
  const id = person.idNumber;
  const attempts: Array<[string, string, Record<string, unknown>?]> = [
    ['an alias', `{ person(idNumber: "${id}") { status: maritalStatus } }`],
    ['a fragment spread', `query { person(idNumber: "${id}") { ...F } } fragment F on Person { maritalStatus }`],
    ['an inline fragment', `{ person(idNumber: "${id}") { ... on Person { maritalStatus } } }`],
    ['a nested fragment in an inline fragment', `query { person(idNumber: "${id}") { ... { ...F } } } fragment F on Person { maritalStatus }`],
    ['@include whose condition holds', `{ person(idNumber: "${id}") { gender maritalStatus @include(if: true) } }`],
    ['@skip with a variable that lets it through', `query ($s: Boolean = true) { person(idNumber: "${id}") { gender ... @skip(if: $s) { maritalStatus } } }`, { s: false }],
    ['another entity path', `{ enterprise(creditCode: "${demoEnterprises()[0]!.creditCode}") { legalRepresentative { maritalStatus } } }`],
    ['a list of entities', `{ people(first: 2) { nodes { maritalStatus } } }`],
  ];
  it.each(attempts)('through %s is refused', async (_how, query, variables = {}) => {
    const answer = await ask('health.vaccination-outreach', query, { variables });
    expect(answer.raw).not.toMatch(/SINGLE|MARRIED|DIVORCED|WIDOWED/);
    expect(forbidden(answer).map(([, coordinate]) => coordinate)).toContain('Person.maritalStatus');
    const rejected = await ask('health.vaccination-outreach', query, { url: REJECT, variables });
    expect(rejected.status).toBe(403);
  });

  // GraphQL executes no field that @skip or @include leaves out, and answers no key for it: a caller that leaves out what it may
  // not read is served in both modes, as a bare gateway would serve it, and no denial is recorded for a field it did not ask for.
  it.each([
    ['@include(if: false)', `{ person(idNumber: "${id}") { gender maritalStatus @include(if: false) } }`, {}],
    ['@skip with a variable', `query ($s: Boolean = true) { person(idNumber: "${id}") { gender maritalStatus @skip(if: $s) } }`, {}],
    ['a fragment spread under @include', `query ($p: Boolean!) { person(idNumber: "${id}") { gender ...F @include(if: $p) } } fragment F on Person { maritalStatus }`, { p: false }],
    // Hive's planner keeps only the inner of two nested conditions on an entity fetch: a denied field is never left to them.
    [
      'nested conditions',
      `query ($x: Boolean!, $y: Boolean!) { person(idNumber: "${id}") { __typename idNumber gender ... @include(if: $x) { ... @skip(if: $y) { maritalStatus } } } }`,
      { x: false, y: false },
    ],
  ])('left out by %s, it is neither served nor denied', async (_how, query, variables) => {
    for (const url of [FILTER, REJECT]) {
      const answer = await ask('health.vaccination-outreach', query, { url, variables });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ data: { person: { gender: person.gender } } });
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data!.person).not.toHaveProperty('maritalStatus');
      // Civil affairs, which alone resolves maritalStatus, was never asked.
      expect(answer.body.extensions?.causeway?.bureaus).toEqual(['public-security']);
    }
  });

  it('left out as the only field of an object, the object answers empty', async () => {
    for (const url of [FILTER, REJECT]) {
      const answer = await ask('health.vaccination-outreach', `{ person(idNumber: "${id}") { maritalStatus @include(if: false) } }`, { url });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toEqual({ person: {} });
    }
  });

  it('through _entities at the gateway is refused (not part of the API schema)', async () => {
    const answer = await ask('health.vaccination-outreach', `{ _entities(representations: [{ __typename: "Person", idNumber: "${id}" }]) { ... on Person { maritalStatus } } }`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.raw).not.toMatch(/SINGLE|MARRIED|DIVORCED|WIDOWED/);
  });

  it('through introspection is refused (introspection is off for callers)', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Person") { fields { name } } }']) {
      const answer = await ask('health.vaccination-outreach', query);
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(answer.body.errors?.[0]?.message).not.toMatch(/Apollo/);
    }
  });

  it('does not inherit the query plan of a caller allowed everything', async () => {
    // Same text, first from the owner (full plan cached), then from a caller that must be filtered.
    const query = `{ person(idNumber: "${id}") { gender maritalStatus } }`;
    const owner = await ask('public-security.household-registry', `{ person(idNumber: "${id}") { gender } }`);
    expect(owner.status).toBe(200);
    const civil = await graphql(FILTER, query, {}, { authorization: `Bearer ${await callerToken(dataDir, 'civil-affairs.subsidy-review', 'subsidy-eligibility')}` });
    expect((civil.body.data!.person as { maritalStatus: string }).maritalStatus).toMatch(/SINGLE|MARRIED|DIVORCED|WIDOWED/);
    expect(civil.body.extensions?.causeway?.bureaus).toEqual(['civil-affairs', 'public-security']);
    const outreach = await ask('health.vaccination-outreach', query);
    expect(outreach.body.data).toEqual({ person: { gender: person.gender, maritalStatus: null } });
    // Civil affairs, which alone resolves maritalStatus, was never asked.
    expect(outreach.body.extensions?.causeway?.bureaus).toEqual(['public-security']);
  });
});
