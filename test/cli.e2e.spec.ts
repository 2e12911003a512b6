import { applyMask } from '#policy';
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { demoPeople } from '#demo-data';
import { gatewayKeyFile, GatewayKeystore } from '#exchange-token';
import { ensureDevSystemKey } from '#identity';
import { caller, httpStatus, waitForStatus } from './support/http.js';
import { ROOT, runCli, sleep, startApp, startCli, tempDir } from './support/processes.js';

describe('the causeway command', () => {
  it('prints help listing its commands', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['start', 'compose', 'catalog']) expect(help.stdout).toContain(command);
  });

  it('prints its version, and the exit-code convention in its help', async () => {
    const version = await runCli(['--version']);
    expect([version.code, version.stdout.trim()]).toEqual([0, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version]);
    expect((await runCli(['--help'])).stdout).toContain('Exit codes (every command): 0 done, 1 failed, 2 bad input');
  });

  it('refuses an empty or inverted export range as bad input (exit 2), before opening anything', async () => {
    const inverted = await runCli(['ledger', 'export', '--from', '2026-02-01T00:00:00Z', '--to', '2026-01-01T00:00:00Z', '--data-dir', tempDir('no-ledger')]);
    expect(inverted.code).toBe(2);
    expect(inverted.stderr).toContain('--to must be after --from');
    expect(inverted.stdout).toBe('');
  });

  it('start refuses ports already in use before starting anything (exit 1)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(16102, '127.0.0.1', resolve));
    try {
      const started = await runCli(['start', '--port-base', '16100', '--data-dir', tempDir('busy')]);
      expect(started.code).toBe(1);
      expect(started.stderr).toContain('port 16102 already in use on 127.0.0.1');
      expect(started.stdout).not.toContain('Causeway is running');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('exits non-zero with a clear message on bad input', async () => {
    const unknownCommand = await runCli(['frobnicate']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain("unknown command 'frobnicate'");

    const unknownOwner = await runCli(['catalog', '--owner', 'tax-bureau']);
    expect(unknownOwner.code).toBe(2);
    expect(unknownOwner.stderr).toContain('unknown owner "tax-bureau"');

    const badPort = await runCli(['start', '--port-base', 'eighty']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port-base must be a whole number');

    const keysDir = tempDir('keys');
    await GatewayKeystore.open(gatewayKeyFile(keysDir), { create: true });
    const unreachable = await runCli(['compose', '--data-dir', keysDir, '--bureau', 'tax=http://127.0.0.1:9/graphql']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('bureau tax is unreachable');

    // A system whose name is mistyped: told which systems have development keys.
    for (const system of ['civil-affairs.subsidy-review', 'health.vaccination-check']) await ensureDevSystemKey(keysDir, system);
    const mistyped = await runCli(['token', '--system', 'civil-affairs.subsidy-reveiw', '--data-dir', keysDir]);
    expect(mistyped.code).toBe(1);
    expect(mistyped.stderr).toContain('no development key for civil-affairs.subsidy-reveiw');
    expect(mistyped.stderr).toContain('The gateway made keys for civil-affairs.subsidy-review, health.vaccination-check');
  });

  it('prints the catalog as a table, from the demo schema files when no bureau runs', async () => {
    const table = await runCli(['catalog', '--owner', 'health'], { CAUSEWAY_SUPERGRAPH_FILE: '' });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^FIELD\s+OWNER\s+LEVEL/);
    expect(table.stdout).toMatch(/Person\.chronicConditions\s+health\s+CORE\s+HEALTH\s+NONE/);
    expect(table.stdout).not.toContain('public-security');
  });
});

describe('configuration validated at boot', () => {
  it('stops the gateway with a message naming each wrong variable', async () => {
    const gateway = startApp('gateway', { CAUSEWAY_PORT: 'http', CAUSEWAY_BUREAUS: 'health' });
    const { code } = await gateway.exited;
    expect(code).toBe(78);
    expect(gateway.text).toContain('CAUSEWAY_PORT: ');
    expect(gateway.text).toContain('CAUSEWAY_BUREAUS: entry 1 is not of the form name=url');
    expect(gateway.text).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('refuses a supergraph file that is not a supergraph, and a broken policies directory', async () => {
    const dir = tempDir('config');
    writeFileSync(join(dir, 'not-a-supergraph.graphql'), 'type Query { hello: String }');
    writeFileSync(join(dir, 'classification.yaml'), 'levels: [{name: PUBLIC}, {name: SECRET}]\ndefaultLevel: PUBLIC\ndefaultSharing: CONDITIONAL\n');
    const gateway = startApp('gateway', {
      CAUSEWAY_SUPERGRAPH_FILE: join(dir, 'not-a-supergraph.graphql'),
      CAUSEWAY_POLICIES_DIR: dir,
      CAUSEWAY_DATA_DIR: dir,
    });
    const { code } = await gateway.exited;
    expect(code).toBe(78);
    expect(gateway.text).toContain('CAUSEWAY_SUPERGRAPH_FILE: not a usable supergraph');
    expect(gateway.text).toContain('CAUSEWAY_POLICIES_DIR: Invalid');
    expect(gateway.text).toContain('defaultLevel: must not be the lowest level');
  });

  it('refuses calling systems without keys of their own unless development keys are asked for, and generates none', async () => {
    const dir = tempDir('no-dev-keys');
    const gateway = startApp('gateway', { CAUSEWAY_DATA_DIR: dir, CAUSEWAY_DEV_SYSTEM_KEYS: 'false', CAUSEWAY_PORT: '14390' });
    const { code } = await gateway.exited;
    expect(code).toBe(1);
    expect(gateway.text).toMatch(/systems without jwks or jwksUrl: civil-affairs\.subsidy-review, .*\(development keys are off; CAUSEWAY_DEV_SYSTEM_KEYS=true is for demos only\)/);
    expect(existsSync(join(dir, 'keys', 'systems'))).toBe(false);
  });

  it('stops a bureau with a message naming the wrong variable', async () => {
    const bureau = startApp('health', { CAUSEWAY_DEMO_DATA: 'perhaps', CAUSEWAY_DATA_DIR: tempDir('config') });
    const { code } = await bureau.exited;
    expect(code).toBe(78);
    expect(bureau.text).toContain('CAUSEWAY_DEMO_DATA: must be "true" or "false"');
  });
});

describe('causeway start', () => {
  it('runs the bureaus and the gateway, serves a cross-bureau query, restarts a bureau that dies while the rest keep running, and stops them all on Ctrl-C', async () => {
    const base = 14300;
    const dataDir = tempDir('start');
    const start = startCli(['start', '--port-base', String(base), '--data-dir', dataDir], {}, { ownGroup: true });
    try {
      await start.waitForOutput('Causeway is running', 90_000);
      expect(start.text).toContain(`http://127.0.0.1:${base}/graphql`);
      await waitForStatus(`http://127.0.0.1:${base}/health`, 200, 5000);
      const person = demoPeople()[9]!;
      const answer = await caller(
        `http://127.0.0.1:${base}/graphql`,
        dataDir,
      )(`{ person(idNumber: "${person.idNumber}") { name maritalStatus medicalInsurance { status } representedEnterprises { name } } }`);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toMatchObject({ person: { name: applyMask('NAME', person.name) } });

      // A bureau that dies is started again; the others keep running meanwhile.
      const pid = Number(/\[health\]\s+started \(pid (\d+)\)/.exec(start.text)![1]);
      process.kill(pid, 'SIGKILL');
      await start.waitForOutput('exited unexpectedly', 10_000);
      expect(start.text).toMatch(/\[health\]\s+exited unexpectedly \(SIGKILL\); restarting in 1 s, the others keep running/);
      await start.waitForOutput(/\[health\]\s+started[\s\S]*\[health\]\s+started/, 30_000);
      let served = null;
      for (let i = 0; i < 60 && !served; i++) {
        const again = await caller(`http://127.0.0.1:${base}/graphql`, dataDir)(`{ person(idNumber: "${person.idNumber}") { name medicalInsurance { status } } }`);
        if (!again.body.errors) served = again.body.data;
        else await sleep(500);
      }
      expect(served).toMatchObject({ person: { medicalInsurance: { status: expect.any(String) } } });
      expect(start.text).not.toContain('stopping Causeway');
    } finally {
      // Ctrl-C in a terminal: SIGINT to the whole foreground process group, every process at once.
      process.kill(-start.child.pid!, 'SIGINT');
    }
    const { code } = await start.exited;
    expect(code).toBe(0);
    expect(start.text).toContain('all processes stopped');
    // The gateway stopped first: its last checkpoint reached every bureau that witnesses it.
    expect(start.text).not.toMatch(/witness .* not reached/);
    for (let port = base; port <= base + 4; port++) {
      expect(await httpStatus(`http://127.0.0.1:${port}/health`)).toBe('refused');
    }
  });
});
