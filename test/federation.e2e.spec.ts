import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { demoCivilRecord, demoEnterprises, demoHealthRecord, demoPeople } from '#demo-data';
import { applyMask } from '#policy';
import { bodyHash, DEFAULT_GATEWAY_ISSUER, ExchangeTokenSigner, gatewayKeyFile, GatewayKeystore } from '#exchange-token';
import { caller, callerToken, graphql, waitForStatus } from './support/http.js';
import { BUREAUS, bureauList, bureauPorts, runCli, sleep, startApp, tempDir, type TestProcess, startGateway } from './support/processes.js';

/**
 * The four demo bureaus and the gateway as real processes on their own
 * ports and data directory, queried over HTTP as a bureau system would.
 */
const BASE = 14100;
const GATEWAY = `http://127.0.0.1:${BASE}`;
const dataDir = tempDir('federation');
const processes: Partial<Record<string, TestProcess>> = {};

const people = demoPeople();
const ask = caller(`${GATEWAY}/graphql`, dataDir);

beforeAll(async () => {
  const ports = bureauPorts(BASE);
  for (const bureau of BUREAUS) {
    processes[bureau] = startApp(bureau, {
      CAUSEWAY_PORT: String(ports[bureau]),
      CAUSEWAY_DATA_DIR: dataDir,
      CAUSEWAY_GATEWAY_JWKS_URL: `${GATEWAY}/.well-known/jwks.json`,
      // One bureau prints its spans, to prove the trace crosses the hop.
      ...(bureau === 'public-security' ? { OTEL_TRACES_EXPORTER: 'console' } : {}),
    });
  }
  processes.gateway = startGateway(BASE, dataDir);
  await waitForStatus(`${GATEWAY}/health`, 200);
});

afterAll(async () => {
  await Promise.all(Object.values(processes).map((p) => p?.stop()));
});

describe('cross-bureau exchange through the gateway', () => {
  it('answers one person with household, civil affairs and health fields in one query', async () => {
    const person = people.find((p) => demoCivilRecord(p).allowance && demoHealthRecord(p).vaccinations.length > 1)!;
    const civil = demoCivilRecord(person);
    const health = demoHealthRecord(person);

    const answer = await ask(
      `query Eligibility($id: ID!) {
        person(idNumber: $id) {
          idNumber name householdAddress
          maritalStatus
          subsistenceAllowance { status monthlyAmount }
          medicalInsurance { status scheme }
          vaccinations { vaccine dose date }
        }
      }`,
      { id: person.idNumber },
    );

    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({
      person: {
        idNumber: person.idNumber,
        // Served outside public-security: the name keeps the family name, the
        // address stops at the district (grant ps-civil-person carries the default mask).
        name: applyMask('NAME', person.name),
        householdAddress: applyMask('ADDRESS', person.householdAddress),
        maritalStatus: civil.maritalStatus,
        subsistenceAllowance: { status: civil.allowance!.status, monthlyAmount: civil.allowance!.monthlyAmount },
        medicalInsurance: health.insurance,
        vaccinations: health.vaccinations,
      },
    });
  });

  it("answers an enterprise with its legal representative's household address", async () => {
    const enterprise = demoEnterprises()[17]!;
    const representative = people[enterprise.legalRepresentativeIndex]!;

    const answer = await ask(
      `{ enterprise(creditCode: "${enterprise.creditCode}") {
          name status
          legalRepresentative { name householdAddress representedEnterprises { creditCode } }
      } }`,
    );

    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({
      enterprise: {
        name: enterprise.name,
        status: enterprise.status,
        legalRepresentative: { name: applyMask('NAME', representative.name), householdAddress: applyMask('ADDRESS', representative.householdAddress) },
      },
    });
    const represented = (answer.body.data!.enterprise as { legalRepresentative: { representedEnterprises: Array<{ creditCode: string }> } }).legalRepresentative.representedEnterprises.map(
      (e) => e.creditCode,
    );
    expect(represented).toContain(enterprise.creditCode);
  });

  it('pages through the register with cursors and refuses pages over the cap', async () => {
    const first = await ask('{ people(first: 100) { totalCount hasNextPage endCursor nodes { idNumber } } }');
    const page = first.body.data!.people as { totalCount: number; hasNextPage: boolean; endCursor: string; nodes: Array<{ idNumber: string }> };
    expect(page.totalCount).toBe(people.length);
    expect(page.nodes.map((n) => n.idNumber)).toEqual(people.slice(0, 100).map((p) => p.idNumber));
    expect(page.hasNextPage).toBe(true);

    const next = await ask('query($after: String) { people(first: 3, after: $after) { nodes { idNumber } } }', {
      after: page.endCursor,
    });
    expect((next.body.data!.people as { nodes: Array<{ idNumber: string }> }).nodes.map((n) => n.idNumber)).toEqual(people.slice(100, 103).map((p) => p.idNumber));

    const tooMany = await ask('{ enterprises(first: 1000) { totalCount } }');
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first', bureau: 'market-regulation' });
  });

  it('gives every answer a receipt with its own exchange id', async () => {
    const query = '{ enterprises(first: 1) { totalCount } }';
    const [a, b] = await Promise.all([ask(query), ask(query)]);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(a.body.extensions?.causeway?.exchangeId).toMatch(uuid);
    expect(b.body.extensions?.causeway?.exchangeId).toMatch(uuid);
    expect(a.body.extensions?.causeway?.exchangeId).not.toBe(b.body.extensions?.causeway?.exchangeId);
  });

  it("continues the caller's trace into the bureau that serves the data", async () => {
    const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const answer = await ask(
      `{ person(idNumber: "${people[3]!.idNumber}") { name } }`,
      {},
      {
        traceparent: `00-${traceId}-1122334455667788-01`,
      },
    );
    expect(answer.body.extensions?.causeway?.traceId).toBe(traceId);
    // The bureau exports its server span with the same trace id.
    const deadline = Date.now() + 10_000;
    while (!processes['public-security']!.text.includes(traceId) && Date.now() < deadline) await sleep(100);
    expect(processes['public-security']!.text).toContain(traceId);
  });

  it('answers bad input with a stable code and nothing internal', async () => {
    const parse = await ask('{ person(idNumber: ');
    expect(parse.status).toBe(400);
    expect(parse.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');

    const invalid = await ask('{ person(idNumber: "not-an-id") { name } }');
    expect(invalid.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'idNumber' });

    for (const raw of [parse.raw, invalid.raw]) {
      expect(raw).not.toMatch(/stacktrace|127\.0\.0\.1|\bat .*\.js:\d+/);
    }
  });
});

describe('callers must prove who they are and why they ask', () => {
  const query = `{ person(idNumber: "${demoPeople()[2]!.idNumber}") { name } }`;

  it('refuses a request without a token', async () => {
    const answer = await graphql(`${GATEWAY}/graphql`, query);
    expect(answer.status).toBe(401);
    expect(answer.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason: 'MISSING_TOKEN', exchangeId: expect.any(String) } }]);
    // It says how to authenticate, and names no framework.
    const response = await fetch(`${GATEWAY}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    await response.arrayBuffer();
    expect([response.headers.get('www-authenticate'), response.headers.get('x-powered-by')]).toEqual(['Bearer realm="causeway"', null]);
  });

  it('refuses a purpose the system is not registered for, and accepts one declared in the header', async () => {
    const wrong = await graphql(
      `${GATEWAY}/graphql`,
      query,
      {},
      {
        authorization: `Bearer ${await callerToken(dataDir, 'civil-affairs.subsidy-review', 'business-licensing')}`,
      },
    );
    expect(wrong.status).toBe(403);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('PURPOSE_NOT_ALLOWED');

    const header = await graphql(
      `${GATEWAY}/graphql`,
      query,
      {},
      {
        authorization: `Bearer ${await callerToken(dataDir, 'health.vaccination-outreach', null)}`,
        'x-causeway-purpose': 'vaccination-outreach',
      },
    );
    expect(header.body.errors).toBeUndefined();
    expect(header.body.data).toEqual({ person: { name: applyMask('NAME', demoPeople()[2]!.name) } });
  });

  it('refuses a client assertion used twice', async () => {
    const token = await callerToken(dataDir);
    const first = await graphql(`${GATEWAY}/graphql`, query, {}, { authorization: `Bearer ${token}` });
    expect(first.status).toBe(200);
    const again = await graphql(`${GATEWAY}/graphql`, query, {}, { authorization: `Bearer ${token}` });
    expect(again.status).toBe(401);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REPLAYED' });
  });

  it('`causeway token` prints a token that gets data through the gateway', async () => {
    const printed = await runCli(['token', '--data-dir', dataDir, '--system', 'civil-affairs.subsidy-review', '--purpose', 'subsidy-eligibility']);
    expect(printed.code).toBe(0);
    const answer = await graphql(`${GATEWAY}/graphql`, query, {}, { authorization: `Bearer ${printed.stdout.trim()}` });
    expect(answer.body.data).toEqual({ person: { name: applyMask('NAME', demoPeople()[2]!.name) } });
  });
});

describe('supergraph and catalog from running bureaus', () => {
  it('`causeway compose` writes a supergraph that a gateway serves from the file', async () => {
    const file = join(dataDir, 'supergraph.graphql');
    const composed = await runCli([
      'compose',
      '--out',
      file,
      '--data-dir',
      dataDir,
      ...bureauList(BASE)
        .split(',')
        .flatMap((b) => ['--bureau', b]),
    ]);
    expect(composed.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const sdl = readFileSync(file, 'utf8');
    expect(sdl).toContain('@join__graph(name: "health"');
    expect(sdl).toContain('@classification(level: "CORE")');

    const staticGateway = startApp('gateway', { CAUSEWAY_PORT: String(BASE + 9), CAUSEWAY_DATA_DIR: dataDir }, ['--supergraph', file]);
    try {
      await waitForStatus(`http://127.0.0.1:${BASE + 9}/health`, 200, 60_000);
      const health = (await (await fetch(`http://127.0.0.1:${BASE + 9}/health`)).json()) as { supergraph: { source: string } };
      expect(health.supergraph.source).toBe('file');
      const answer = await caller(`http://127.0.0.1:${BASE + 9}/graphql`, dataDir)(`{ person(idNumber: "${people[0]!.idNumber}") { name medicalInsurance { status } } }`);
      expect(answer.body.data).toEqual({ person: { name: applyMask('NAME', people[0]!.name), medicalInsurance: { status: demoHealthRecord(people[0]!).insurance.status } } });
    } finally {
      await staticGateway.stop();
    }
  });

  it('`causeway catalog --json` lists every field of the live supergraph with owner and level', async () => {
    const bureaus = [
      '--data-dir',
      dataDir,
      ...bureauList(BASE)
        .split(',')
        .flatMap((b) => ['--bureau', b]),
    ];
    const all = await runCli(['catalog', '--json', ...bureaus]);
    expect(all.code).toBe(0);
    const catalog = JSON.parse(all.stdout) as { source: string; fields: Array<{ coordinate: string; owner: string; level: string }> };
    expect(catalog.source).toBe('running bureaus');
    expect(catalog.fields.find((f) => f.coordinate === 'Person.chronicConditions')).toMatchObject({ owner: 'health', level: 'CORE' });
    expect(catalog.fields.find((f) => f.coordinate === 'Enterprise.legalRepresentative')).toMatchObject({ owner: 'market-regulation' });

    const health = await runCli(['catalog', '--json', '--owner', 'health', ...bureaus]);
    const owners = new Set((JSON.parse(health.stdout) as typeof catalog).fields.map((f) => f.owner));
    expect([...owners]).toEqual(['health']);
  });
});

describe('bureaus answer only the gateway', () => {
  const bureau = () => `http://127.0.0.1:${bureauPorts(BASE)['public-security']}/graphql`;
  const entities = JSON.stringify({
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name householdAddress } } }',
    variables: { r: [{ __typename: 'Person', idNumber: people[0]!.idNumber }] },
  });
  const signer = async () => new ExchangeTokenSigner(await GatewayKeystore.open(gatewayKeyFile(dataDir), { create: false }), DEFAULT_GATEWAY_ISSUER);
  const claims = (audience: string, body: string) => ({
    bureau: audience,
    system: 'test.direct-caller',
    department: 'test',
    purpose: 'testing',
    exchangeId: 'e2e',
    bodyHash: bodyHash(body),
  });
  const post = async (body: string, token?: string) => {
    const response = await fetch(bureau(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string; reason?: string } }> } };
  };
  const refusal = (reason: string) => ({ status: 401, body: { errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED', reason } })] } });

  it('refuses _entities and _service without a token', async () => {
    expect(await post(entities)).toEqual(refusal('MISSING_TOKEN'));
    expect(await post(JSON.stringify({ query: '{ _service { sdl } }' }))).toEqual(refusal('MISSING_TOKEN'));
  });

  it('refuses a token for another bureau, a changed body, a replay and an expired token', async () => {
    const sign = await signer();
    expect(await post(entities, await sign.sign(claims('civil-affairs', entities)))).toEqual(refusal('BAD_AUDIENCE'));
    expect(await post(entities.replace('name', 'phone'), await sign.sign(claims('public-security', entities)))).toEqual(refusal('BODY_MISMATCH'));

    const once = await sign.sign(claims('public-security', entities));
    const first = await post(entities, once);
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({ _entities: [{ name: people[0]!.name, householdAddress: people[0]!.householdAddress }] });
    expect(await post(entities, once)).toEqual(refusal('REPLAYED'));

    const { kid, key } = await (await GatewayKeystore.open(gatewayKeyFile(dataDir), { create: false })).current();
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ bh: bodyHash(entities) })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'causeway-exchange+jwt' })
      .setIssuer(DEFAULT_GATEWAY_ISSUER)
      .setAudience('public-security')
      .setSubject('x')
      .setJti('expired-1')
      .setIssuedAt(now - 100)
      .setExpirationTime(now - 60)
      .sign(key);
    expect(await post(entities, expired)).toEqual(refusal('TOKEN_EXPIRED'));
  });

  it("answers a malformed entity representation with a fixed message, not its storage layer's", async () => {
    const malformed = JSON.stringify({
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }',
      variables: { r: [{ __typename: 'Person', idNumber: { probe: 'x' } }] },
    });
    const answer = await post(malformed, await (await signer()).sign(claims('public-security', malformed)));
    expect(answer.body.errors).toEqual([expect.objectContaining({ message: 'The bureau could not resolve this field.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
    expect(JSON.stringify(answer.body)).not.toMatch(/probe|Property|TypeORM|SELECT/i);
  });

  it('keeps serving through the gateway after `causeway keys rotate`, without restarting bureaus', async () => {
    const before = (await (await fetch(`${GATEWAY}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string; d?: string }> };
    const rotated = await runCli(['keys', 'rotate', '--json', '--data-dir', dataDir]);
    expect(rotated.code).toBe(0);
    const fresh = (JSON.parse(rotated.stdout) as { kid: string }).kid;
    await sleep(1200);

    const after = (await (await fetch(`${GATEWAY}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string; d?: string }> };
    expect(after.keys.map((k) => k.kid).sort()).toEqual([...before.keys.map((k) => k.kid), fresh].sort());
    expect(after.keys.every((k) => k.d === undefined)).toBe(true);

    const answer = await ask(`{ person(idNumber: "${people[1]!.idNumber}") { name maritalStatus } }`);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({ person: { name: applyMask('NAME', people[1]!.name), maritalStatus: demoCivilRecord(people[1]!).maritalStatus } });

    const list = await runCli(['keys', 'list', '--json', '--data-dir', dataDir]);
    const states = (JSON.parse(list.stdout) as Array<{ kid: string; state: string }>).map((k) => [k.kid === fresh, k.state]);
    expect(states).toContainEqual([true, 'current']);
    expect(states).toContainEqual([false, 'published']);
  });
});

describe('a bureau going down', () => {
  it("nulls that bureau's fields with BUREAU_UNAVAILABLE and still serves the others", async () => {
    await processes.health!.stop();
    const person = people[5]!;
    const answer = await ask(`{ person(idNumber: "${person.idNumber}") { name maritalStatus medicalInsurance { status } vaccinations { vaccine } } }`);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({
      person: {
        name: applyMask('NAME', person.name),
        maritalStatus: demoCivilRecord(person).maritalStatus,
        medicalInsurance: null,
        vaccinations: null,
      },
    });
    // One error for the bureau (Hive's engine also gives the path of the entity it could not complete).
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]).toMatchObject({ message: expect.stringContaining('"health" is unavailable') });
    expect(answer.body.errors![0]!.extensions).toEqual({ code: 'BUREAU_UNAVAILABLE', bureau: 'health', reason: 'unreachable' });
    expect(answer.raw).not.toContain('127.0.0.1');
  });

  it("keeps an enterprise whose representative's health record cannot be fetched", async () => {
    const enterprise = demoEnterprises()[3]!;
    const representative = people[enterprise.legalRepresentativeIndex]!;
    const answer = await ask(`{ enterprises(first: 5) { nodes { creditCode legalRepresentative { name vaccinations { vaccine } } } } }`);
    const nodes = (answer.body.data!.enterprises as { nodes: Array<{ creditCode: string; legalRepresentative: unknown }> }).nodes;
    expect(nodes).toHaveLength(5);
    expect(nodes[3]).toEqual({ creditCode: enterprise.creditCode, legalRepresentative: { name: applyMask('NAME', representative.name), vaccinations: null } });
    expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['BUREAU_UNAVAILABLE']);
  });
});
