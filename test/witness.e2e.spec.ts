import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPair } from 'jose';
import { demoPeople } from '#demo-data';
import { gatewayKeyFile, GatewayKeystore } from '#exchange-token';
import { signCheckpoint } from '#ledger';
import { callerToken, graphql, waitForStatus } from './support/http.js';
import { tamperedCopy } from './support/ledger-copy.js';
import { startTestTsa, type TestTsa } from './support/tsa.js';
import { BUREAUS, bureauPorts, runCli, sleep, startApp, startBureaus, startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * The bureaus as witnesses of the gateway's ledger: each keeps the
 * checkpoints the gateway hands it, only those the gateway signed and that
 * extend what it kept; `ledger verify --witness` then catches what the
 * ledger alone cannot show — the whole ledger rolled back to an earlier
 * checkpoint.
 */
const BASE = 16500;
const ORIGIN = `http://127.0.0.1:${BASE}`;
const dataDir = tempDir('witness');
const copies = tempDir('witness-copies');
const processes: TestProcess[] = [];
/** The time the test authority stamps: pinned, so nothing depends on today's date. */
const STAMPED_AT = new Date('2026-11-02T03:04:05Z');
let tsa: TestTsa;
const witnessUrl = (bureau: (typeof BUREAUS)[number]) => `http://127.0.0.1:${bureauPorts(BASE)[bureau]}/causeway/checkpoints`;

function latestInLedger(dir = dataDir): number {
  const db = new Database(join(dir, 'gateway.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT MAX(number) AS number FROM ledger_checkpoint').get() as { number: number }).number;
  } finally {
    db.close();
  }
}

async function latestAt(bureau: (typeof BUREAUS)[number]): Promise<number> {
  const response = await fetch(`${witnessUrl(bureau)}/latest`);
  return response.ok ? ((await response.json()) as { number: number }).number : 0;
}

async function offer(bureau: (typeof BUREAUS)[number], jws: string) {
  const response = await fetch(witnessUrl(bureau), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jws }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  tsa = await startTestTsa(() => STAMPED_AT);
  writeFileSync(join(copies, 'tsa-ca.der'), tsa.certificate);
  processes.push(...startBureaus(BASE, dataDir));
  processes.push(startGateway(BASE, dataDir, { CAUSEWAY_LEDGER_CHECKPOINT_MS: '200', CAUSEWAY_LEDGER_TSA_URL: tsa.url.href }));
  await waitForStatus(`${ORIGIN}/health`, 200);
  for (const person of demoPeople().slice(0, 5)) {
    const answer = await graphql(`${ORIGIN}/graphql`, `{ person(idNumber: "${person.idNumber}") { maritalStatus } }`, {}, { authorization: `Bearer ${await callerToken(dataDir)}` });
    expect(answer.status).toBe(200);
    await sleep(250);
  }
  // Until every bureau holds the ledger's latest checkpoint.
  for (let i = 0; i < 80; i++) {
    const latest = latestInLedger();
    if ((await Promise.all(BUREAUS.map(latestAt))).every((held) => held === latest)) break;
    await sleep(100);
  }
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await tsa.close();
});

describe('each bureau as a witness', () => {
  it('keeps every checkpoint the gateway wrote, and the ledger agrees with each', async () => {
    const latest = latestInLedger();
    expect(latest).toBeGreaterThan(2);
    expect(await Promise.all(BUREAUS.map(latestAt))).toEqual(BUREAUS.map(() => latest));
    const result = await runCli(['ledger', 'verify', '--data-dir', dataDir, ...BUREAUS.flatMap((bureau) => ['--witness', witnessUrl(bureau)])]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`witness ${witnessUrl('health')}: ${latest} checkpoint(s) agree (its latest: ${latest})`);
  });

  it('keeps only what the gateway signed and what extends what it kept', async () => {
    const keystore = await GatewayKeystore.open(gatewayKeyFile(dataDir), { create: false });
    const latest = await latestAt('health');
    const signed = (number: number, previous: string, key = keystore.current()) => key.then((signer) => signCheckpoint({ number, previous, heads: [] }, signer, 'causeway-gateway'));
    // A different checkpoint under a number it holds: the ledger rewritten. Refused, and it keeps what it had.
    expect(await offer('health', await signed(latest, 'f'.repeat(64)))).toEqual({ status: 409, body: { status: 'fork', number: latest, detail: expect.stringContaining('differs') } });
    // A number ahead of what it kept: it says what it has, so the gateway sends what is missing.
    expect(await offer('health', await signed(latest + 5, 'f'.repeat(64)))).toEqual({ status: 409, body: { status: 'gap', latest } });
    // Not the gateway's key.
    const { privateKey } = await generateKeyPair('EdDSA');
    const forged = await signCheckpoint({ number: latest + 1, previous: 'f'.repeat(64), heads: [] }, { kid: (await keystore.current()).kid, key: privateKey }, 'causeway-gateway');
    expect(await offer('health', forged)).toMatchObject({ status: 400, body: { status: 'invalid' } });
    expect(await latestAt('health')).toBe(latest);
  });
});

describe('an outside time-stamping authority (RFC 3161)', () => {
  it('stamps the checkpoints, and verify checks each stamp against the authority, in the database and in an export', async () => {
    for (let i = 0; i < 50 && tsa.stamped < 2; i++) await sleep(100);
    const result = await runCli(['ledger', 'verify', '--data-dir', dataDir, '--tsa-cert', join(copies, 'tsa-ca.der'), '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, timestamps: expect.any(Number) });
    expect(JSON.parse(result.stdout).timestamps).toBeGreaterThanOrEqual(2);
    const file = join(copies, 'stamped.ndjson');
    expect((await runCli(['ledger', 'export', '--data-dir', dataDir, '--out', file])).code).toBe(0);
    const fromFile = await runCli(['ledger', 'verify', '--file', file, '--data-dir', dataDir, '--tsa-cert', join(copies, 'tsa-ca.der')]);
    expect([fromFile.code, fromFile.stdout]).toEqual([0, expect.stringMatching(/time stamps: \d+ verified against the trusted authorities/)]);
  });

  it('refuses a stamp that was altered, or that another authority made', async () => {
    const other = await startTestTsa(() => STAMPED_AT, 'Another TSA');
    writeFileSync(join(copies, 'other-ca.der'), other.certificate);
    await other.close();
    expect((await runCli(['ledger', 'verify', '--data-dir', dataDir, '--tsa-cert', join(copies, 'other-ca.der')])).stdout).toContain('TIMESTAMP_INVALID');
    let stamp = { number: 0, token: '' };
    const dir = await tamperedCopy(dataDir, join(copies, 'forged-stamp'), (db) => {
      stamp = db.prepare('SELECT number, token FROM ledger_checkpoint_stamp ORDER BY number LIMIT 1').get() as typeof stamp;
      const bytes = Buffer.from(stamp.token, 'base64');
      bytes[bytes.length - 5]! ^= 0xff;
      db.prepare('UPDATE ledger_checkpoint_stamp SET token = ? WHERE number = ?').run(bytes.toString('base64'), stamp.number);
    });
    const result = await runCli(['ledger', 'verify', '--data-dir', dir, '--tsa-cert', join(copies, 'tsa-ca.der'), '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).broken).toMatchObject({ chain: '(checkpoints)', seq: stamp.number, reason: 'TIMESTAMP_INVALID' });
  });
});

describe('a ledger rolled back behind its witnesses', () => {
  it('still verifies on its own, and fails against a witness that saw later checkpoints', async () => {
    const witnessed = await latestAt('civil-affairs');
    await Promise.all(processes.map((p) => p.stop()));
    // An insider restores the ledger as it stood at the checkpoint before the witness's last: every later checkpoint, and every record they sealed, gone.
    const dir = await tamperedCopy(dataDir, join(copies, 'rolled-back'), (db) => {
      const kept = new Map(
        (db.prepare('SELECT chain, MAX(seq) AS seq FROM ledger_checkpoint_head WHERE number < ? GROUP BY chain').all(witnessed) as Array<{ chain: string; seq: number }>).map((row) => [
          row.chain,
          row.seq,
        ]),
      );
      for (const { chain } of db.prepare('SELECT DISTINCT chain FROM ledger_record').all() as Array<{ chain: string }>) {
        for (const table of ['ledger_record', 'ledger_field', 'ledger_subject']) db.prepare(`DELETE FROM ${table} WHERE chain = ? AND seq > ?`).run(chain, kept.get(chain) ?? 0);
      }
      for (const table of ['ledger_checkpoint', 'ledger_checkpoint_head']) db.prepare(`DELETE FROM ${table} WHERE number >= ?`).run(witnessed);
    });

    expect((await runCli(['ledger', 'verify', '--data-dir', dir])).code).toBe(0);
    // The witnesses are down with everything else here: restart one to ask it.
    processes.push(
      startApp('civil-affairs', { CAUSEWAY_PORT: String(bureauPorts(BASE)['civil-affairs']), CAUSEWAY_DATA_DIR: dataDir, CAUSEWAY_GATEWAY_JWKS_URL: `${ORIGIN}/.well-known/jwks.json` }),
    );
    await waitForStatus(`${witnessUrl('civil-affairs')}/latest`, 200);
    const result = await runCli(['ledger', 'verify', '--data-dir', dir, '--witness', witnessUrl('civil-affairs'), '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).broken).toMatchObject({ chain: '(checkpoints)', seq: witnessed, reason: 'WITNESS_AHEAD' });
  });
});
