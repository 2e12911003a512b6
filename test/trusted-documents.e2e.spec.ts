import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { callerToken, graphql, waitForStatus, type GraphQLAnswer } from './support/http.js';
import { recordOf } from './support/ledger-rows.js';
import { runCli, startBureaus, startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * Trusted documents: operations registered per calling system through the
 * admin API, sent by hash; a hash unknown for the caller, malformed or not
 * matching its text is a coded 400 with a record; a system in "registered
 * operations only" mode is served nothing else; callers register nothing.
 */
const BASE = 15600;
const GATEWAY = `http://127.0.0.1:${BASE}/graphql`;
const ADMIN = `http://127.0.0.1:${BASE}/admin/graphql`;
const dataDir = tempDir('trusted-documents');
const processes: TestProcess[] = [];
const tokens: Record<string, string> = {};
const SYSTEM = 'market-regulation.licensing';
const PURPOSE = 'business-licensing';
const REGISTERED = 'query Enterprises { enterprises(first: 2) { nodes { name } } }';
const OTHER = '{ enterprises(first: 1) { nodes { status } } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function as(user: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer['body']> {
  tokens[user] ??= (await runCli(['token', '--user', user, '--data-dir', dataDir])).stdout.trim();
  return (await graphql(ADMIN, query, variables, { authorization: `Bearer ${tokens[user]}` })).body;
}

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }>; extensions?: { causeway?: { exchangeId?: string } } };
}

async function send(body: Record<string, unknown>, system = SYSTEM, purpose = PURPOSE): Promise<Answer> {
  const response = await fetch(GATEWAY, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await callerToken(dataDir, system, purpose)}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const byHash = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
const exchangeIdOf = (answer: Answer) => String(answer.body.extensions?.causeway?.exchangeId ?? answer.body.errors?.[0]?.extensions.exchangeId);

beforeAll(async () => {
  processes.push(...startBureaus(BASE, dataDir));
  processes.push(startGateway(BASE, dataDir, { CAUSEWAY_DEV_PEOPLE_TOKENS: 'true' }));
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

const REGISTER = 'mutation ($system: String!, $name: String!, $document: String!) { registerOperation(system: $system, name: $name, document: $document) { hash name registeredBy } }';

describe('registering operations (admin API)', () => {
  it('an administrator registers an operation for a system; its hash is the SHA-256 of the exact text', async () => {
    const answer = await as('admin-1', REGISTER, { system: SYSTEM, name: 'enterprises', document: REGISTERED });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ registerOperation: { hash: sha256(REGISTERED), name: 'enterprises', registeredBy: 'admin-1' } });
    const listed = await as('admin-1', 'query ($s: String!) { registeredOperations(system: $s) { hash document } }', { s: SYSTEM });
    expect(listed.data).toEqual({ registeredOperations: [{ hash: sha256(REGISTERED), document: REGISTERED }] });
  });

  it("an officer manages only their own department's systems; auditors none", async () => {
    const foreign = await as('officer-ps', REGISTER, { system: SYSTEM, name: 'x', document: OTHER });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const auditor = await as('auditor-1', 'query ($s: String!) { registeredOperations(system: $s) { hash } }', { s: SYSTEM });
    expect(auditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await as('officer-ps', REGISTER, { system: 'public-security.household-registry', name: 'people', document: '{ people(first: 1) { nodes { name } } }' });
    expect(own.errors).toBeUndefined();
  });

  it('a document that does not validate against the graph is refused, naming the argument', async () => {
    const invalid = await as('admin-1', REGISTER, { system: SYSTEM, name: 'bad', document: '{ enterprises { nope } }' });
    expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'document' });
  });
});

describe('sending registered operations', () => {
  it('a registered operation sent by hash alone is served', async () => {
    const answer = await send(byHash(sha256(REGISTERED)));
    expect(answer.status).toBe(200);
    expect((answer.body.data as { enterprises: { nodes: unknown[] } }).enterprises.nodes).toHaveLength(2);
    expect(recordOf(dataDir, exchangeIdOf(answer)).entry).toMatchObject({ decision: 'ALLOWED', operation: { name: 'Enterprises' } });
  });

  it('a hash registered for another system, or for none, is PERSISTED_QUERY_NOT_FOUND (400), recorded; nothing registers it', async () => {
    for (const hash of [sha256(REGISTERED), sha256(OTHER)]) {
      const system = hash === sha256(REGISTERED) ? 'civil-affairs.subsidy-review' : SYSTEM;
      const answer = await send(byHash(hash), system, system === SYSTEM ? PURPOSE : 'subsidy-eligibility');
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(recordOf(dataDir, exchangeIdOf(answer)).entry).toMatchObject({ decision: 'FAILED', errorCodes: ['PERSISTED_QUERY_NOT_FOUND'] });
    }
    // Sending the text with its hash (how Apollo clients register) serves it once and registers nothing.
    expect((await send({ query: OTHER, ...byHash(sha256(OTHER)) })).status).toBe(200);
    expect((await send(byHash(sha256(OTHER)))).body.errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it.each([
    ['a hash that is not the text’s', { query: OTHER, ...byHash(sha256(REGISTERED)) }, 'PERSISTED_QUERY_HASH_MISMATCH'],
    ['a hash that is not SHA-256 hex', byHash('not-a-hash'), 'PERSISTED_QUERY_MALFORMED'],
    ['another persisted-query version', { extensions: { persistedQuery: { version: 2, sha256Hash: sha256(REGISTERED) } } }, 'PERSISTED_QUERY_MALFORMED'],
  ])('%s is BAD_REQUEST (400) with its reason and a record, never an internal error', async (_name, body, reason) => {
    const answer = await send(body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', reason });
    expect(recordOf(dataDir, exchangeIdOf(answer)).entry).toMatchObject({ errorCodes: ['BAD_REQUEST'] });
  });
});

describe('registered operations only', () => {
  it('a system in that mode is served its registered operations (by hash or text) and refused anything else with OPERATION_NOT_REGISTERED, recorded', async () => {
    const on = await as('officer-ps', 'mutation { setRegisteredOperationsOnly(system: "market-regulation.licensing", only: true) }');
    expect(on.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await as('admin-1', 'mutation { setRegisteredOperationsOnly(system: "market-regulation.licensing", only: true) }')).data).toEqual({ setRegisteredOperationsOnly: true });

    expect((await send(byHash(sha256(REGISTERED)))).status).toBe(200);
    expect((await send({ query: REGISTERED })).status).toBe(200);
    const refused = await send({ query: OTHER });
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions.code).toBe('OPERATION_NOT_REGISTERED');
    expect(recordOf(dataDir, exchangeIdOf(refused)).entry).toMatchObject({ decision: 'DENIED', errorCodes: ['OPERATION_NOT_REGISTERED'] });
    // Other systems are not affected.
    expect((await send({ query: OTHER }, 'civil-affairs.subsidy-review', 'subsidy-eligibility')).status).toBe(200);

    const revoked = await as('admin-1', 'mutation ($h: String!) { revokeOperation(system: "market-regulation.licensing", hash: $h) }', { h: sha256(REGISTERED) });
    expect(revoked.data).toEqual({ revokeOperation: true });
    expect((await send({ query: REGISTERED })).body.errors?.[0]?.extensions.code).toBe('OPERATION_NOT_REGISTERED');
    await as('admin-1', 'mutation { setRegisteredOperationsOnly(system: "market-regulation.licensing", only: false) }');
    expect((await send({ query: OTHER })).status).toBe(200);
  });
});
