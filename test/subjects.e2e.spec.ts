import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnsecuredJWT } from 'jose';
import { demoEnterprises, demoPeople } from '#demo-data';
import { decodeContent } from '#ledger';
import { callerToken, graphql, waitForStatus, type GraphQLAnswer } from './support/http.js';
import { tamperedCopy } from './support/ledger-copy.js';
import { ledgerRecords, recordOf } from './support/ledger-rows.js';
import { runCli, startBureaus, startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * "Who read this person's data": the ledger indexes whom each answer
 * released data about by keyed hash (through aliases, entity hops and
 * lists), auditors and the owner's officers look a person or enterprise
 * up, and no identifier is stored in clear in the gateway's database.
 */
const BASE = 16600;
const GATEWAY = `http://127.0.0.1:${BASE}/graphql`;
const ADMIN = `http://127.0.0.1:${BASE}/admin/graphql`;
const dataDir = tempDir('subjects');
const processes: TestProcess[] = [];
const people = demoPeople();
const enterprise = demoEnterprises()[0]!;
const representative = people[enterprise.legalRepresentativeIndex]!;
const other = people.find((person) => person !== representative && !demoEnterprises().some((e) => people[e.legalRepresentativeIndex] === person))!;
const ids: Record<string, string> = {};

async function exchange(query: string, variables: Record<string, unknown> = {}, system = 'civil-affairs.subsidy-review', purpose = 'subsidy-eligibility'): Promise<string> {
  const answer = await graphql(GATEWAY, query, variables, { authorization: `Bearer ${await callerToken(dataDir, system, purpose)}` });
  expect(JSON.stringify(answer.body.data ?? {})).not.toContain('_causeway');
  return (answer.body.extensions?.causeway as { exchangeId: string }).exchangeId;
}

async function personToken(user: string): Promise<string> {
  const result = await runCli(['token', '--user', user, '--data-dir', dataDir]);
  expect(result.code).toBe(0);
  return result.stdout.trim();
}

const LOOKUP = `query ($subject: DataSubjectInput!, $owner: String) {
  subjectExchanges(subject: $subject, owner: $owner) { nodes { exchangeId system department purpose decision fields { coordinate outcome } } hasNextPage } }`;

async function lookup(user: string, subject: { type: string; key: string }, owner: string | null = null): Promise<GraphQLAnswer> {
  return graphql(ADMIN, LOOKUP, { subject, owner }, { authorization: `Bearer ${await personToken(user)}` });
}

function exchangeIds(answer: GraphQLAnswer): string[] {
  expect(answer.body.errors).toBeUndefined();
  return (answer.body.data!.subjectExchanges as { nodes: Array<{ exchangeId: string }> }).nodes.map((node) => node.exchangeId);
}

beforeAll(async () => {
  processes.push(...startBureaus(BASE, dataDir));
  processes.push(startGateway(BASE, dataDir, { CAUSEWAY_DEV_PEOPLE_TOKENS: 'true', CAUSEWAY_LEDGER_CHECKPOINT_MS: '200' }));
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
  // By variable, under an alias, without selecting the ID number.
  ids.direct = await exchange('query ($id: ID!) { who: person(idNumber: $id) { n: name } }', { id: representative.idNumber });
  // Through the enterprise the person represents: an entity hop to public security.
  ids.hop = await exchange(`{ enterprise(creditCode: "${enterprise.creditCode}") { name legalRepresentative { name } } }`);
  // Someone else.
  ids.other = await exchange(`{ person(idNumber: "${other.idNumber}") { name } }`);
  // The enterprise's register data only, by a system that may not read the representative's name: the person's field is denied.
  ids.denied = await exchange(`{ enterprise(creditCode: "${enterprise.creditCode}") { name legalRepresentative { name } } }`, {}, 'market-regulation.licensing', 'business-licensing');
  // Nobody by that number: nothing released.
  ids.none = await exchange('{ person(idNumber: "110105190001010000") { name } }');
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

describe('who read this person’s data', () => {
  it('an auditor finds exactly the exchanges that released data about the person: by alias, through an entity hop; not one that denied it', async () => {
    const answer = await lookup('auditor-1', { type: 'Person', key: representative.idNumber });
    expect(exchangeIds(answer)).toEqual([ids.hop, ids.direct]);
    const [hop] = (answer.body.data!.subjectExchanges as { nodes: Array<Record<string, unknown>> }).nodes;
    expect(hop).toMatchObject({ system: 'civil-affairs.subsidy-review', department: 'civil-affairs', purpose: 'subsidy-eligibility', decision: 'ALLOWED' });
    expect(hop!.fields).toContainEqual({ coordinate: 'Person.name', outcome: 'masked' });
    expect(exchangeIds(await lookup('auditor-1', { type: 'Person', key: other.idNumber }))).toEqual([ids.other]);
  });

  it('an enterprise is a subject too: found by its unified social credit code, whoever read it', async () => {
    expect(exchangeIds(await lookup('auditor-1', { type: 'Enterprise', key: enterprise.creditCode }))).toEqual([ids.denied, ids.hop]);
  });

  it("an owner's officer sees the exchanges that served their department's fields about the subject, and only those", async () => {
    expect(exchangeIds(await lookup('officer-ps', { type: 'Person', key: representative.idNumber }))).toEqual([ids.hop, ids.direct]);
    // Civil affairs' fields about this person were never served.
    expect(exchangeIds(await lookup('officer-ca', { type: 'Person', key: representative.idNumber }))).toEqual([]);
    // The owner argument left out altogether means the officer's own department too.
    const omitted = await graphql(
      ADMIN,
      '{ subjectExchanges(subject: { type: "Person", key: "' + representative.idNumber + '" }) { nodes { exchangeId } } }',
      {},
      { authorization: `Bearer ${await personToken('officer-ps')}` },
    );
    expect(exchangeIds(omitted)).toEqual([ids.hop, ids.direct]);
    const elsewhere = await lookup('officer-ca', { type: 'Person', key: representative.idNumber }, 'public-security');
    expect(elsewhere.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await lookup('auditor-1', { type: 'Vaccination', key: '1' });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'subject.type' });
    // A type of any length is named back in an excerpt only.
    const long = await lookup('auditor-1', { type: 'P'.repeat(10_000), key: '1' });
    expect(long.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'subject.type' });
    expect(long.body.errors?.[0]?.message.length).toBeLessThan(200);
  });

  it('no identifier is stored in clear in the gateway database; the lookup itself is recorded without it', async () => {
    await lookup('auditor-1', { type: 'Person', key: representative.idNumber });
    // In the names a caller chooses too: the operation's, an alias (a response path), a fragment's, a variable's.
    const id = other.idNumber;
    const named = await exchange(`query Q${id}($v${id}: ID!) { p${id}: person(idNumber: $v${id}) { ...F${id} } } fragment F${id} on Person { name idNumber }`, { [`v${id}`]: id });
    const plain = await exchange('query ($v: ID!) { p: person(idNumber: $v) { name idNumber } }', { v: id });
    const [namedEntry, plainEntry] = [recordOf(dataDir, named).entry, recordOf(dataDir, plain).entry];
    expect(namedEntry.operation.name).toBe('REDACTED_1');
    expect(namedEntry.fields.map((field: { path: string }) => field.path)).toEqual(['REDACTED_3', 'REDACTED_3.name', 'REDACTED_3.idNumber']);
    // Graded on the answer as released, whatever the alias: the ID number served counts against the daily quota all the same.
    expect(namedEntry.grade).toEqual(plainEntry.grade);
    expect(namedEntry.grade.piiServed).toMatchObject({ ID_NUMBER: 1 });
    // What a refused caller wrote is not stored in clear either: its token's claims, the purpose it declared.
    // However written: whole, split by dashes or spaces, beside a name.
    const split = (by: string) => id.match(/.{1,4}/g)!.join(by);
    const forged = new UnsecuredJWT({ sub: `s${id}`, purpose: `p${split('-')}` })
      .setIssuer(`王芳 ${split('-')}`)
      .setJti(split(' '))
      .setIssuedAt()
      .encode();
    const unauthenticated = await graphql(GATEWAY, '{ __typename }', {}, { authorization: `Bearer ${forged}` });
    expect(unauthenticated.status).toBe(401);
    expect(recordOf(dataDir, unauthenticated.body.errors![0]!.extensions!.exchangeId as string).entry.caller).toEqual({
      system: '[redacted]',
      department: null,
      issuer: '[redacted]',
      tokenId: '[redacted]',
      verified: false,
    });
    const token = await callerToken(dataDir, 'civil-affairs.subsidy-review', null);
    const unregistered = await graphql(GATEWAY, '{ __typename }', {}, { authorization: `Bearer ${token}`, 'x-causeway-purpose': `id-${split('-')}` });
    expect(unregistered.status).toBe(403);
    expect(recordOf(dataDir, unregistered.body.errors![0]!.extensions!.exchangeId as string).entry).toMatchObject({
      purpose: null,
      caller: { system: 'civil-affairs.subsidy-review', verified: true },
    });
    const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true });
    try {
      const recorded = db
        .prepare("SELECT r.content FROM ledger_record r JOIN ledger_operation o ON o.hash = r.operation_hash WHERE r.kind = 'admin' AND o.document LIKE '%subjectExchanges%'")
        .all() as Array<{ content: Buffer }>;
      expect(recorded.length).toBeGreaterThan(0);
      expect(JSON.parse(decodeContent(recorded[0]!.content)).operation.variables.subject).toEqual({ type: 'Person', key: '[redacted]' });
    } finally {
      db.close();
    }
    const files = readdirSync(dataDir).filter((name) => name.startsWith('gateway.sqlite'));
    expect(files).toContain('gateway.sqlite');
    for (const name of files) {
      const bytes = readFileSync(join(dataDir, name)).toString('latin1');
      for (const identifier of [representative.idNumber, other.idNumber, enterprise.creditCode]) expect(bytes.includes(identifier)).toBe(false);
    }
    // Records' content is stored compressed: the bytes alone would not show an identifier inside it.
    const contents = ledgerRecords(dataDir).map((row) => row.content);
    expect(contents.some((content) => content.includes('subjectExchanges') || content.includes('"subjects"'))).toBe(true);
    for (const identifier of [representative.idNumber, other.idNumber, enterprise.creditCode]) expect(contents.filter((content) => content.includes(identifier))).toEqual([]);
  });

  it('ledger verify re-derives the index: a removed subject row is found', async () => {
    expect((await runCli(['ledger', 'verify', '--data-dir', dataDir, '--json'])).code).toBe(0);
    const record = ledgerRecords(dataDir).find((row) => row.exchange_id === ids.direct)!;
    const copy = await tamperedCopy(dataDir, tempDir('subjects-tampered'), (db) => db.prepare('DELETE FROM ledger_subject WHERE chain = ? AND seq = ?').run(record.chain, record.seq));
    const verified = await runCli(['ledger', 'verify', '--data-dir', copy, '--json']);
    expect(verified.code).not.toBe(0);
    expect(JSON.parse(verified.stdout).broken).toMatchObject({ chain: record.chain, seq: record.seq, reason: 'INDEX_MISMATCH' });
  });
});
