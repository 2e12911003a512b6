import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { demoPeople } from '#demo-data';
import { callerToken, graphql, waitForStatus } from './support/http.js';
import { tamperedCopy } from './support/ledger-copy.js';
import { recordOf } from './support/ledger-rows.js';
import { runCli, sleep, startBureaus, startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * Receipts a calling system keeps: the signed statement in each answer,
 * checked offline with the gateway's published keys, against the ledger,
 * against an export, and against a ledger changed behind the gateway's
 * back; and a system fetching its own record, and only its own.
 */
const BASE = 16400;
const ORIGIN = `http://127.0.0.1:${BASE}`;
const dataDir = tempDir('receipts');
const files = tempDir('receipts-files');
const processes: TestProcess[] = [];
const person = demoPeople()[7]!;
let answer: { exchangeId: string; receipt: string; ledger: { chain: string; seq: number; hash: string } };

const token = (system = 'civil-affairs.subsidy-review', purpose = 'subsidy-eligibility') => callerToken(dataDir, system, purpose);

beforeAll(async () => {
  processes.push(...startBureaus(BASE, dataDir));
  processes.push(startGateway(BASE, dataDir, { CAUSEWAY_LEDGER_CHECKPOINT_MS: '200' }));
  await waitForStatus(`${ORIGIN}/health`, 200);
  const asked = await graphql(`${ORIGIN}/graphql`, '{ person(idNumber: "' + person.idNumber + '") { maritalStatus } }', {}, { authorization: `Bearer ${await token()}` });
  expect(asked.body.errors).toBeUndefined();
  answer = asked.body.extensions?.causeway as typeof answer;
  writeFileSync(join(files, 'jwks.json'), await (await fetch(`${ORIGIN}/.well-known/jwks.json`)).text());
  // Until the record's chain has been sealed by a checkpoint after it.
  await sleep(600);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

describe('the receipt in each answer', () => {
  it("is a compact JWS of the gateway's key stating the record's place and seal", () => {
    expect(decodeProtectedHeader(answer.receipt)).toMatchObject({ alg: 'EdDSA', typ: 'causeway-ledger-receipt' });
    expect(decodeJwt(answer.receipt)).toMatchObject({ sub: answer.exchangeId, ...answer.ledger, system: 'civil-affairs.subsidy-review', decision: 'ALLOWED' });
  });

  it("verifies offline with nothing but the gateway's published keys", async () => {
    const result = await runCli(['receipt', 'verify', answer.receipt, '--jwks', join(files, 'jwks.json'), '--signature-only']);
    expect([result.code, result.stdout]).toEqual([0, expect.stringContaining(`receipt verified: exchange ${answer.exchangeId}`)]);
  });

  it('verifies against the ledger, sealed by a signed checkpoint of its chain', async () => {
    const result = await runCli(['receipt', 'verify', answer.receipt, '--data-dir', dataDir, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, failure: null, checkpoint: { seq: expect.any(Number) } });
    expect(JSON.parse(result.stdout).checkpoint.seq).toBeGreaterThanOrEqual(answer.ledger.seq);
  });

  it('verifies against an export, without the database', async () => {
    expect((await runCli(['ledger', 'export', '--data-dir', dataDir, '--out', join(files, 'export.ndjson')])).code).toBe(0);
    const result = await runCli(['receipt', 'verify', answer.receipt, '--file', join(files, 'export.ndjson'), '--jwks', join(files, 'jwks.json')]);
    expect([result.code, result.stdout]).toEqual([0, expect.stringContaining('sealed by signed checkpoint')]);
  });

  it('a receipt changed by so much as its sequence number is refused', async () => {
    const [header, payload, signature] = answer.receipt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, seq: Number(claims.seq) + 1 })).toString('base64url')}.${signature}`;
    const result = await runCli(['receipt', 'verify', forged, '--jwks', join(files, 'jwks.json'), '--signature-only']);
    expect([result.code, result.stdout]).toEqual([1, expect.stringContaining('RECEIPT NOT VERIFIED: RECEIPT_SIGNATURE')]);
    expect((await runCli(['receipt', 'verify', 'not-a-receipt', '--signature-only'])).code).toBe(2);
  });

  it('a record replaced or removed behind the gateway’s back no longer matches the receipt', async () => {
    const copy = (name: string, change: (db: Database.Database) => void) => tamperedCopy(dataDir, join(files, name), change);
    const { chain, seq } = answer.ledger;
    const changed = await copy('changed', (db) =>
      db.prepare('UPDATE ledger_record SET content = ledger_encode(replace(ledger_decode(content), \'"ALLOWED"\', \'"DENIED"\')) WHERE chain = ? AND seq = ?').run(chain, seq),
    );
    const removed = await copy('removed', (db) => db.prepare('DELETE FROM ledger_record WHERE chain = ? AND seq = ?').run(chain, seq));
    const verify = async (dir: string) => JSON.parse((await runCli(['receipt', 'verify', answer.receipt, '--data-dir', dir, '--json'])).stdout) as { ok: boolean; failure: string };
    expect(await verify(changed)).toMatchObject({ ok: false, failure: 'CHAIN_BROKEN' });
    expect(await verify(removed)).toMatchObject({ ok: false, failure: 'RECORD_MISSING' });
  });
});

describe('a calling system fetching its own record', () => {
  const fetchRecord = async (exchangeId: string, authorization?: string) => {
    const response = await fetch(`${ORIGIN}/ledger/exchanges/${exchangeId}`, { headers: authorization ? { authorization } : {} });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('gets the sealed entry, its place and the checkpoint it falls under', async () => {
    const { status, body } = await fetchRecord(answer.exchangeId, `Bearer ${await token()}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ exchangeId: answer.exchangeId, ...answer.ledger, entry: { exchangeId: answer.exchangeId, decision: 'ALLOWED' }, checkpoint: { jws: expect.any(String) } });
    expect(JSON.stringify(body)).not.toContain(person.idNumber);
  });

  it('another system is told there is no such exchange, and nobody is told without a valid token; each refusal recorded', async () => {
    const other = await fetchRecord(answer.exchangeId, `Bearer ${await token('market-regulation.licensing', 'business-licensing')}`);
    expect(other).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'This system has no exchange with that id.', exchangeId: expect.any(String) } } });
    expect(recordOf(dataDir, other.body.error.exchangeId).entry).toMatchObject({ errorCodes: ['NOT_FOUND'], caller: { system: 'market-regulation.licensing', verified: true } });
    expect((await fetchRecord('00000000-0000-0000-0000-000000000000', `Bearer ${await token()}`)).status).toBe(404);
    const anonymous = await fetchRecord(answer.exchangeId);
    expect(anonymous).toEqual({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'The calling system could not be authenticated.', exchangeId: expect.any(String) } } });
    expect(recordOf(dataDir, anonymous.body.error.exchangeId).entry).toMatchObject({ decision: 'UNAUTHENTICATED', errorCodes: ['UNAUTHENTICATED'] });
    // A purpose the system may not declare: refused, and recorded as that system, whose token verified.
    const purpose = await fetchRecord(answer.exchangeId, `Bearer ${await token('civil-affairs.subsidy-review', 'business-licensing')}`);
    expect(purpose.status).toBe(403);
    expect(recordOf(dataDir, purpose.body.error.exchangeId).entry).toMatchObject({
      decision: 'DENIED',
      purpose: 'business-licensing',
      errorCodes: ['PURPOSE_NOT_ALLOWED'],
      caller: { system: 'civil-affairs.subsidy-review', department: 'civil-affairs', verified: true },
    });
  });
});
