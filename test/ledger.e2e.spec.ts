import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPeople } from '#demo-data';
import { callerToken, graphql, httpStatus, waitForStatus, type GraphQLAnswer } from './support/http.js';
import { decodeContent } from '#ledger';
import { tamperedCopy } from './support/ledger-copy.js';
import { ledgerRecords, recordOf } from './support/ledger-rows.js';
import { runCli, sleep, startBureaus, tempDir, type TestProcess, startGateway } from './support/processes.js';

/**
 * The exchange ledger on the embedded database, through real processes:
 * one record per exchange of every kind, receipts that point at them,
 * concurrency, an outage of the database, append-only tables and
 * tamper detection by `causeway ledger verify`.
 */
const BASE = 14800;
const GATEWAY = `http://127.0.0.1:${BASE}/graphql`;
const dataDir = tempDir('ledger');
const processes: TestProcess[] = [];
const people = demoPeople();
const person = people[5]!;
let gateway: TestProcess;

type System = 'civil-affairs.subsidy-review' | 'public-security.household-registry' | 'market-regulation.licensing';
const PURPOSE: Record<System, string> = {
  'civil-affairs.subsidy-review': 'subsidy-eligibility',
  'public-security.household-registry': 'household-administration',
  'market-regulation.licensing': 'business-licensing',
};

async function ask(system: System, query: string, headers: Record<string, string> = {}): Promise<GraphQLAnswer> {
  return graphql(GATEWAY, query, {}, { authorization: `Bearer ${await callerToken(dataDir, system, PURPOSE[system])}`, ...headers });
}

function receipt(answer: GraphQLAnswer) {
  return answer.body.extensions?.causeway as { exchangeId: string; ledger?: { chain: string; seq: number; hash: string } };
}

function launchGateway(): TestProcess {
  const process = startGateway(BASE, dataDir, {
    // The ledger under load from one system: its rate limit is not what these tests are about.
    CAUSEWAY_RATE_LIMIT: '100000',
    CAUSEWAY_LEDGER_CHECKPOINT_MS: '300',
  });
  processes.push(process);
  return process;
}

beforeAll(async () => {
  processes.push(...startBureaus(BASE, dataDir));
  gateway = launchGateway();
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

describe('one record per exchange, whatever its outcome', () => {
  it('records an allowed exchange with every field, its mask and owner, and the receipt points at it', async () => {
    const answer = await ask('civil-affairs.subsidy-review', `{ person(idNumber: "${person.idNumber}") { fullName: name gender householdAddress } }`);
    expect(answer.body.errors).toBeUndefined();
    const { exchangeId, ledger } = receipt(answer);
    const record = recordOf(dataDir, exchangeId);
    expect(ledger).toEqual({ chain: record.chain, seq: record.seq, hash: record.hash });
    expect(record.entry).toMatchObject({
      kind: 'exchange',
      decision: 'ALLOWED',
      caller: { system: 'civil-affairs.subsidy-review', department: 'civil-affairs', verified: true },
      purpose: 'subsidy-eligibility',
      enforcement: 'filter',
      errorCodes: [],
      grade: { maxLevel: 'SENSITIVE' },
    });
    expect(record.entry.fields.map((f: any) => [f.path, f.coordinate, f.owner, f.outcome, f.mask, f.rules])).toEqual([
      ['person', 'Query.person', 'public-security', 'served', null, ['rule:sharing-unconditional']],
      ['person.fullName', 'Person.name', 'public-security', 'masked', 'NAME', ['grant:ps-civil-person']],
      ['person.gender', 'Person.gender', 'public-security', 'served', null, ['grant:ps-civil-person']],
      ['person.householdAddress', 'Person.householdAddress', 'public-security', 'masked', 'ADDRESS', ['grant:ps-civil-person']],
    ]);
    expect(record.entry.bureaus).toEqual([expect.objectContaining({ bureau: 'public-security', ok: true })]);
    expect(record.entry.operation.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.entry.responseBytes).toBeGreaterThan(50);
  });

  it('records a partly served exchange (filter mode) with the denied field and why', async () => {
    const answer = await ask('civil-affairs.subsidy-review', `{ person(idNumber: "${person.idNumber}") { gender phone } }`);
    const record = recordOf(dataDir, receipt(answer).exchangeId);
    expect(record.entry.decision).toBe('PARTIAL');
    expect(record.entry.errorCodes).toEqual(['FORBIDDEN_FIELD']);
    expect(record.entry.fields.find((f: any) => f.coordinate === 'Person.phone')).toMatchObject({ outcome: 'denied', reason: 'DENIED_BY_GRANT', rules: ['grant:ps-civil-no-phone'] });
  });

  it('records a refused operation (reject mode): nothing served', async () => {
    const answer = await ask('civil-affairs.subsidy-review', `{ person(idNumber: "${person.idNumber}") { gender phone } }`, { 'x-causeway-enforcement': 'reject' });
    expect(answer.status).toBe(403);
    const record = recordOf(dataDir, receipt(answer).exchangeId);
    expect(record.entry).toMatchObject({ decision: 'DENIED', enforcement: 'reject', errorCodes: ['OPERATION_DENIED'], bureaus: [], grade: { maxLevel: null } });
    expect(record.entry.fields.map((f: any) => [f.coordinate, f.outcome, f.reason])).toEqual([
      ['Query.person', 'denied', 'OPERATION_DENIED'],
      ['Person.gender', 'denied', 'OPERATION_DENIED'],
      ['Person.phone', 'denied', 'DENIED_BY_GRANT'],
    ]);
  });

  it('records failed operations, with the text that did not parse', async () => {
    const broken = await ask('civil-affairs.subsidy-review', '{ person(idNumber: "1") { name ');
    expect(broken.body.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    const parse = recordOf(dataDir, receipt(broken).exchangeId);
    expect(parse.entry).toMatchObject({ decision: 'FAILED', errorCodes: ['GRAPHQL_PARSE_FAILED'], fields: [] });
    const invalid = await ask('civil-affairs.subsidy-review', '{ person(idNumber: "1") { shoeSize } }');
    expect(recordOf(dataDir, receipt(invalid).exchangeId).entry).toMatchObject({ decision: 'FAILED', errorCodes: ['GRAPHQL_VALIDATION_FAILED'] });
  });

  it('records unauthenticated callers with what their token claimed, and refused purposes', async () => {
    const forged = await callerToken(dataDir, 'civil-affairs.subsidy-review', 'subsidy-eligibility');
    const [header, payload] = forged.split('.');
    const answer = await graphql(GATEWAY, '{ __typename }', {}, { authorization: `Bearer ${header}.${payload}.AAAA` });
    expect(answer.status).toBe(401);
    const record = recordOf(dataDir, answer.body.errors![0]!.extensions!.exchangeId as string);
    expect(record.entry).toMatchObject({
      decision: 'UNAUTHENTICATED',
      caller: { system: 'civil-affairs.subsidy-review', verified: false },
      errorCodes: ['UNAUTHENTICATED'],
    });
    expect(record.system).toBe('civil-affairs.subsidy-review');

    const purpose = await graphql(
      GATEWAY,
      '{ __typename }',
      {},
      {
        authorization: `Bearer ${await callerToken(dataDir, 'civil-affairs.subsidy-review', null)}`,
        'x-causeway-purpose': 'household-administration',
      },
    );
    expect(purpose.status).toBe(403);
    // Its token was verified: the refusal is recorded as that system's, not as what a token claimed.
    expect(recordOf(dataDir, purpose.body.errors![0]!.extensions!.exchangeId as string).entry).toMatchObject({
      decision: 'DENIED',
      purpose: 'household-administration',
      errorCodes: ['PURPOSE_NOT_ALLOWED'],
      caller: { system: 'civil-affairs.subsidy-review', department: 'civil-affairs', verified: true },
    });
  });

  it('grades an answer by the distinct ID and phone numbers it released', async () => {
    const answer = await ask('public-security.household-registry', '{ people(first: 25) { nodes { idNumber phone name } } }');
    expect(answer.body.errors).toBeUndefined();
    const nodes = (answer.body.data!.people as { nodes: Array<{ idNumber: string; phone: string | null }> }).nodes;
    const record = recordOf(dataDir, receipt(answer).exchangeId);
    expect(record.entry.grade).toEqual({
      maxLevel: 'SENSITIVE',
      maxLevelRank: 2,
      piiServed: { ID_NUMBER: new Set(nodes.map((n) => n.idNumber)).size, PHONE: new Set(nodes.map((n) => n.phone).filter(Boolean)).size },
    });
    expect(record.entry.grade.piiServed.ID_NUMBER).toBe(25);
  });
});

describe('personal data in the stored text', () => {
  it('keeps the shape of operations but not the values written inline: no ID number in any record or stored operation', async () => {
    const inline = await ask('civil-affairs.subsidy-review', `{ person(idNumber: "${people[7]!.idNumber}") { name } }`);
    expect(inline.body.errors).toBeUndefined();
    const broken = await ask('civil-affairs.subsidy-review', `{ person(idNumber: "${people[8]!.idNumber}") { name `);
    expect(broken.body.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true });
    try {
      const stored = [
        ...(db.prepare('SELECT content AS text FROM ledger_record').all() as Array<{ text: Buffer }>),
        ...(db.prepare('SELECT document AS text FROM ledger_operation').all() as Array<{ text: string }>),
      ].map((row) => decodeContent(row.text));
      expect(stored.some((text) => text.includes('person(idNumber: "[redacted]")'))).toBe(true);
      for (const someone of people) expect(stored.filter((text) => text.includes(someone.idNumber))).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('concurrency', () => {
  it('2,000 exchanges from 50 concurrent clients: 2,000 records, each receipt at its record, chains verify', async () => {
    const before = ledgerRecords(dataDir).length;
    const receipts: Array<{ exchangeId: string; ledger: { chain: string; seq: number; hash: string } }> = [];
    let next = 0;
    const client = async () => {
      while (next < 2000) {
        next++;
        const answer = await ask('market-regulation.licensing', `{ enterprise(creditCode: "91110000${String(next).padStart(10, '0')}") { name } }`);
        expect(answer.status).toBe(200);
        receipts.push(receipt(answer) as (typeof receipts)[number]);
      }
    };
    await Promise.all(Array.from({ length: 50 }, client));
    expect(receipts).toHaveLength(2000);
    const rows = ledgerRecords(dataDir);
    expect(rows.length - before).toBe(2000);
    const byExchange = new Map(rows.map((row) => [row.exchange_id, row]));
    for (const { exchangeId, ledger } of receipts) {
      const row = byExchange.get(exchangeId)!;
      expect({ chain: row.chain, seq: row.seq, hash: row.hash }).toEqual(ledger);
    }
    const verify = await runCli(['ledger', 'verify', '--data-dir', dataDir, '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, verified: rows.length, broken: null });
    // On worker threads, chain by chain: the same report, from the workers (a failed one would say so on stderr).
    const onWorkers = await runCli(['ledger', 'verify', '--data-dir', dataDir, '--json', '--jobs', '2']);
    expect([onWorkers.code, onWorkers.stderr, JSON.parse(onWorkers.stdout)]).toEqual([0, '', JSON.parse(verify.stdout)]);
    // Deep: every record the gateway wrote is its entry's canonical JSON, and its rows are those the entry gives.
    const deep = await runCli(['ledger', 'verify', '--data-dir', dataDir, '--json', '--deep', '--jobs', '2']);
    expect([deep.code, deep.stderr, JSON.parse(deep.stdout)]).toEqual([0, '', JSON.parse(verify.stdout)]);
  });
});

describe('the ledger database unavailable', () => {
  it('releases no data without a committed record, reports not ready, and recovers by itself', async () => {
    const answers: GraphQLAnswer[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) answers.push(await ask('market-regulation.licensing', `{ enterprises(first: 2) { nodes { name } } }`));
    })();
    await sleep(300);
    // Another process holds the database's write lock: every commit the gateway tries fails (busy).
    const blocker = new Database(join(dataDir, 'gateway.sqlite'));
    blocker.exec('BEGIN EXCLUSIVE');
    try {
      const refused = await ask('market-regulation.licensing', '{ enterprises(first: 1) { nodes { name } } }');
      expect(refused.status).toBe(503);
      expect(refused.body).toEqual({
        errors: [expect.objectContaining({ extensions: { code: 'LEDGER_UNAVAILABLE', exchangeId: receipt(refused).exchangeId } })],
        extensions: { causeway: { exchangeId: receipt(refused).exchangeId } },
      });
      expect(await httpStatus(`http://127.0.0.1:${BASE}/health`)).toBe(503);
      // While the lock is held the load's own exchanges are refused too: wait for one (however slow this machine is).
      for (let i = 0; i < 200 && !answers.some((answer) => answer.body.errors?.[0]?.extensions?.code === 'LEDGER_UNAVAILABLE'); i++) await sleep(50);
    } finally {
      blocker.exec('COMMIT');
      blocker.close();
    }
    await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200, 10_000);
    await sleep(300);
    loading = false;
    await load;

    const recorded = new Set(ledgerRecords(dataDir).map((row) => row.exchange_id));
    const withData = answers.filter((answer) => answer.body.data);
    const unavailable = answers.filter((answer) => answer.body.errors?.[0]?.extensions?.code === 'LEDGER_UNAVAILABLE');
    expect(withData.length + unavailable.length).toBe(answers.length);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(withData.length).toBeGreaterThan(1);
    for (const answer of withData) expect(recorded.has(receipt(answer).exchangeId)).toBe(true);
    for (const answer of unavailable) expect(answer.body.data).toBeUndefined();
    const after = await ask('market-regulation.licensing', '{ enterprises(first: 1) { nodes { name } } }');
    expect(after.status).toBe(200);
    expect(recorded.size).toBeGreaterThan(0);
  });
});

describe('tamper evidence', () => {
  let copies: string;

  beforeAll(async () => {
    // A checkpoint covers the records so far, then the gateway stops and the database is copied for each tampering.
    await sleep(700);
    await gateway.stop();
    copies = tempDir('ledger-tamper');
  });

  /** A copy of the stopped gateway's database, changed behind the triggers' back as an intruder with file access would. */
  const tampered = (name: string, change: (db: Database.Database) => void) => tamperedCopy(dataDir, join(copies, name), change);

  it('the ledger tables refuse UPDATE and DELETE', () => {
    const db = new Database(join(dataDir, 'gateway.sqlite'));
    try {
      expect(() => db.exec("UPDATE ledger_record SET decision = 'ALLOWED'")).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM ledger_record')).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM ledger_checkpoint')).toThrow(/append-only/);
      expect(() => db.exec("UPDATE ledger_field SET fields = 'Person.phone 2 served'")).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('verifies the untouched ledger, checkpoints included', async () => {
    const result = await runCli(['ledger', 'verify', '--data-dir', dataDir, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: true, broken: null });
    expect(report.checkpoints).toBeGreaterThan(0);
  });

  it('finds a changed record at exactly that record', async () => {
    const rows = ledgerRecords(dataDir);
    const victim = rows[10]!;
    const dir = await tampered('content', (db) => {
      db.prepare('UPDATE ledger_record SET content = ledger_encode(replace(ledger_decode(content), ?, ?)) WHERE chain = ? AND seq = ?').run(
        '"decision":"',
        '"decision":"X',
        victim.chain,
        victim.seq,
      );
    });
    const result = await runCli(['ledger', 'verify', '--data-dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`LEDGER BROKEN at chain ${victim.chain} record ${victim.seq}: HASH_MISMATCH`);
    // On worker threads: the same break, told the same way.
    expect(await runCli(['ledger', 'verify', '--data-dir', dir, '--jobs', '2'])).toEqual(result);
    expect((await runCli(['ledger', 'verify', '--data-dir', dir, '--jobs', '0'])).code).toBe(2);
    expect(await runCli(['ledger', 'verify', '--data-dir', dir, '--deep'])).toEqual(result);
    // A file has no stored rows to derive against: said, not ignored.
    const deepFile = await runCli(['ledger', 'verify', '--data-dir', dir, '--deep', '--file', join(dir, 'gateway.sqlite')]);
    expect([deepFile.code, deepFile.stderr]).toEqual([2, expect.stringContaining('--deep')]);
    // Chain by chain (as parallel processes would): the same break in its chain, the others whole.
    const chains = (await runCli(['ledger', 'chains', '--data-dir', dir])).stdout.trim().split('\n');
    expect(chains).toEqual([...new Set(rows.map((row) => row.chain))].sort());
    for (const chain of chains) {
      const alone = await runCli(['ledger', 'verify', '--data-dir', dir, '--chain', chain]);
      if (chain === victim.chain) expect([alone.code, alone.stdout]).toEqual([1, expect.stringContaining(`record ${victim.seq}: HASH_MISMATCH`)]);
      else expect([alone.code, alone.stdout]).toEqual([0, expect.stringContaining('ledger verified')]);
    }
    expect((await runCli(['ledger', 'verify', '--data-dir', dir, '--chain', 'gw-nobody'])).code).toBe(2);
  });

  it('lists a chain that only index rows name, and finds those rows verifying that chain alone', async () => {
    const dir = await tampered('orphan-rows', (db) =>
      db
        .prepare('INSERT INTO ledger_field (chain, seq, owner, started_at, grade, fields) VALUES (?, 1, ?, ?, 1, ?)')
        .run('gw-orphan', 'health', '2026-01-01T00:00:00.000Z', 'Person.name 1 served'),
    );
    expect((await runCli(['ledger', 'chains', '--data-dir', dir])).stdout.trim().split('\n')).toContain('gw-orphan');
    const alone = await runCli(['ledger', 'verify', '--data-dir', dir, '--chain', 'gw-orphan']);
    expect([alone.code, alone.stdout]).toEqual([1, expect.stringContaining('chain gw-orphan record 0: INDEX_MISMATCH: field rows of a chain that has no records')]);
  });

  it('finds a record re-sealed after a change by the chain it breaks', async () => {
    const victim = ledgerRecords(dataDir)[20]!;
    const dir = await tampered('resealed', (db) => db.prepare("UPDATE ledger_record SET hash = '" + 'f'.repeat(64) + "' WHERE chain = ? AND seq = ?").run(victim.chain, victim.seq));
    const result = await runCli(['ledger', 'verify', '--data-dir', dir, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).broken).toMatchObject({ chain: victim.chain, seq: victim.seq, reason: 'HASH_MISMATCH' });
  });

  it('finds a record removed from the middle, and a searchable column changed', async () => {
    const victim = ledgerRecords(dataDir)[30]!;
    const gap = await runCli([
      'ledger',
      'verify',
      '--data-dir',
      await tampered('removed', (db) => db.prepare('DELETE FROM ledger_record WHERE chain = ? AND seq = ?').run(victim.chain, victim.seq)),
      '--json',
    ]);
    expect(JSON.parse(gap.stdout).broken).toMatchObject({ chain: victim.chain, seq: victim.seq + 1, reason: 'SEQUENCE_GAP' });
    const hidden = await runCli([
      'ledger',
      'verify',
      '--data-dir',
      await tampered('column', (db) => db.prepare("UPDATE ledger_record SET system = 'someone-else' WHERE chain = ? AND seq = ?").run(victim.chain, victim.seq)),
      '--json',
    ]);
    expect(JSON.parse(hidden.stdout).broken).toMatchObject({ chain: victim.chain, seq: victim.seq, reason: 'INDEX_MISMATCH' });
  });

  /** Where the checkpoints left each chain, and the checkpoint that said so last. */
  function lastStated(): Array<{ number: number; chain: string; seq: number }> {
    const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true });
    try {
      return db
        .prepare('SELECT h.number, h.chain, h.seq FROM ledger_checkpoint_head h WHERE h.seq = (SELECT MAX(seq) FROM ledger_checkpoint_head x WHERE x.chain = h.chain)')
        .all() as Array<{
        number: number;
        chain: string;
        seq: number;
      }>;
    } finally {
      db.close();
    }
  }

  const verifyCopy = async (dir: string) => JSON.parse((await runCli(['ledger', 'verify', '--data-dir', dir, '--json'])).stdout).broken;

  it('finds the tail cut off behind a signed checkpoint', async () => {
    const last = lastStated().find((head) => head.chain.startsWith('gw-'))!;
    expect(last.seq).toBeGreaterThan(3);
    const dir = await tampered('truncated', (target) => {
      for (const table of ['ledger_record', 'ledger_field', 'ledger_subject']) target.prepare(`DELETE FROM ${table} WHERE chain = ? AND seq >= ?`).run(last.chain, last.seq - 2);
    });
    const broken = await verifyCopy(dir);
    expect(broken).toMatchObject({ chain: last.chain, reason: 'CHECKPOINT_RECORD_MISSING' });
    // The first sealed record that is gone: one of those cut.
    expect(broken.seq).toBeGreaterThanOrEqual(last.seq - 2);
  });

  it('finds a chain removed whole, records, field rows and all', async () => {
    const governance = lastStated().find((head) => head.chain === 'governance')!;
    expect(governance.seq).toBeGreaterThan(0);
    const dir = await tampered('chain-removed', (target) => {
      for (const table of ['ledger_record', 'ledger_field', 'ledger_subject']) target.prepare(`DELETE FROM ${table} WHERE chain = 'governance'`).run();
    });
    expect(await verifyCopy(dir)).toMatchObject({ chain: 'governance', reason: 'CHAIN_MISSING' });
  });

  it('finds a checkpoint removed from the sequence, with the tail it sealed, at its number', async () => {
    const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true });
    // A checkpoint that moved the gateway's chain and has later ones after it.
    const sealed = db
      .prepare(
        "SELECT number, chain, seq FROM ledger_checkpoint_head WHERE chain LIKE 'gw-%' AND seq > 0 AND number < (SELECT MAX(number) FROM ledger_checkpoint) ORDER BY number DESC LIMIT 1",
      )
      .get() as {
      number: number;
      chain: string;
      seq: number;
    };
    db.close();
    const dir = await tampered('checkpoint-removed', (target) => {
      for (const table of ['ledger_checkpoint', 'ledger_checkpoint_head']) target.prepare(`DELETE FROM ${table} WHERE number = ?`).run(sealed.number);
    });
    expect(await verifyCopy(dir)).toMatchObject({ chain: '(checkpoints)', seq: sealed.number, reason: 'CHECKPOINT_SEQUENCE_GAP' });
    const cli = await runCli(['ledger', 'verify', '--data-dir', dir]);
    expect(cli.stdout).toContain(`LEDGER BROKEN at checkpoint ${sealed.number}: CHECKPOINT_SEQUENCE_GAP`);
  });

  it('finds records no checkpoint announced (a chain added behind the gateway’s back)', async () => {
    const dir = await tampered('forged-chain', (target) => {
      const row = target.prepare("SELECT * FROM ledger_record WHERE chain LIKE 'gw-%' ORDER BY seq LIMIT 1").get() as Record<string, unknown>;
      target
        .prepare(
          'INSERT INTO ledger_record (chain, seq, exchange_id, kind, started_at, system, department, purpose, decision, max_level_rank, trace_id, operation_hash, previous_hash, hash, content) VALUES (@chain, @seq, @exchange_id, @kind, @started_at, @system, @department, @purpose, @decision, @max_level_rank, @trace_id, @operation_hash, @previous_hash, @hash, @content)',
        )
        .run({
          ...row,
          chain: 'gw-forged',
          exchange_id: 'forged-1',
        });
    });
    expect(await verifyCopy(dir)).toMatchObject({ chain: 'gw-forged', reason: 'CHAIN_UNANNOUNCED' });
  });

  it('finds a forged checkpoint at exactly that checkpoint', async () => {
    const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true });
    const checkpoint = db.prepare('SELECT number, jws FROM ledger_checkpoint ORDER BY number LIMIT 1').get() as { number: number; jws: string };
    db.close();
    const [header, payload, signature] = checkpoint.jws.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, heads: [] })).toString('base64url')}.${signature}`;
    const dir = await tampered('checkpoint', (target) => target.prepare('UPDATE ledger_checkpoint SET jws = ? WHERE number = ?').run(forged, checkpoint.number));
    expect(await verifyCopy(dir)).toMatchObject({ chain: '(checkpoints)', seq: checkpoint.number, reason: 'CHECKPOINT_SIGNATURE' });
  });

  it('exports an archive that verifies on its own, and finds a record changed in it', async () => {
    const file = join(copies, 'export.ndjson');
    const exported = await runCli(['ledger', 'export', '--data-dir', dataDir, '--out', file]);
    expect(exported.code).toBe(0);
    const verified = await runCli(['ledger', 'verify', '--file', file, '--data-dir', dataDir, '--json']);
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.stdout);
    expect(report).toMatchObject({ ok: true, verified: ledgerRecords(dataDir).length });
    expect(report.checkpoints).toBeGreaterThan(0);

    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const index = lines.findIndex((line) => line.includes('"decision":"PARTIAL"'));
    const victim = JSON.parse(lines[index]!) as { chain: string; seq: number };
    lines[index] = lines[index]!.replace('"decision":"PARTIAL"', '"decision":"ALLOWED"');
    const altered = join(copies, 'altered.ndjson');
    writeFileSync(altered, `${lines.join('\n')}\n`);
    const broken = await runCli(['ledger', 'verify', '--file', altered, '--data-dir', dataDir, '--json']);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).broken).toMatchObject({ chain: victim.chain, seq: victim.seq, reason: 'HASH_MISMATCH' });

    // The whole ledger exported: a chain left out, or a checkpoint, is found in the file too.
    const verifyLines = async (name: string, kept: string[]) => {
      writeFileSync(join(copies, name), `${kept.join('\n')}\n`);
      return JSON.parse((await runCli(['ledger', 'verify', '--file', join(copies, name), '--data-dir', dataDir, '--json'])).stdout).broken;
    };
    const original = readFileSync(file, 'utf8').trim().split('\n');
    expect(
      await verifyLines(
        'no-governance.ndjson',
        original.filter((line) => !line.includes('"chain":"governance"')),
      ),
    ).toMatchObject({ chain: 'governance', reason: 'CHAIN_MISSING' });
    const second = original.findIndex((line) => line.startsWith('{"type":"checkpoint","number":2,'));
    expect(
      await verifyLines(
        'no-checkpoint.ndjson',
        original.filter((_, i) => i !== second),
      ),
    ).toMatchObject({ chain: '(checkpoints)', seq: 2, reason: 'CHECKPOINT_SEQUENCE_GAP' });
  });

  it('archives only what is older than the retention period, never less than six months', async () => {
    const short = await runCli(['ledger', 'archive', '--out', join(copies, 'a.ndjson'), '--retention-days', '30', '--data-dir', dataDir]);
    expect(short.code).toBe(2);
    const archive = await runCli(['ledger', 'archive', '--out', join(copies, 'archive.ndjson'), '--data-dir', dataDir]);
    expect(archive.code).toBe(0);
    expect(archive.stdout).toMatch(/^archived 0 records that started before /);
  });
});
