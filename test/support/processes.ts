import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'bin', 'causeway.js');

export type AppName = 'gateway' | 'public-security' | 'civil-affairs' | 'health' | 'market-regulation';

/** A real Causeway process started by a test, with its output kept for assertions. */
export class TestProcess {
  readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => this.output.push(chunk.toString('utf8'));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get text(): string {
    return this.output.join('');
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitForOutput(pattern: RegExp | string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const found = () => (typeof pattern === 'string' ? this.text.includes(pattern) : pattern.test(this.text));
    while (!found()) {
      if (!this.running) throw new Error(`${this.name} exited before printing ${pattern}:\n${this.text}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern} in time:\n${this.text}`);
      await sleep(100);
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.running) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function requireBuild(): void {
  if (!existsSync(join(ROOT, 'dist', 'apps', 'gateway', 'src', 'main.js'))) {
    throw new Error('dist/ is missing: end-to-end tests run the built apps; run `npm run build` (npm test does)');
  }
}

/**
 * Environment for child processes: this machine's, minus Causeway settings
 * and anything that would send telemetry out. CAUSEWAY_TEST_FEDERATION_ENGINE
 * runs every gateway of the suite on that federation engine.
 */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const engine = process.env.CAUSEWAY_TEST_FEDERATION_ENGINE;
  const env: NodeJS.ProcessEnv = { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true', NO_COLOR: '1' };
  for (const key of Object.keys(env)) {
    if (key.startsWith('OTEL_') || key.startsWith('CAUSEWAY_') || key === 'APOLLO_KEY') delete env[key];
  }
  return { ...env, ...(engine ? { CAUSEWAY_FEDERATION_ENGINE: engine } : {}), ...extra };
}

export function startApp(app: AppName, env: Record<string, string>, args: string[] = []): TestProcess {
  requireBuild();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', app, 'src', 'main.js'), ...args], {
    cwd: ROOT,
    // The demo systems have no keys of their own: test gateways generate development keys, as `causeway start` does.
    env: baseEnv(app === 'gateway' ? { CAUSEWAY_DEV_SYSTEM_KEYS: 'true', ...env } : env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new TestProcess(app, child);
}

/** A CLI command left running; `ownGroup`: in a process group of its own, as a terminal's foreground job is (see `interrupt`). */
export function startCli(args: string[], env: Record<string, string> = {}, options: { ownGroup?: boolean } = {}): TestProcess {
  requireBuild();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: options.ownGroup === true });
  return new TestProcess(`causeway ${args.join(' ')}`, child);
}

/** Runs a CLI command to completion. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  requireBuild();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `causeway-${prefix}-`));
}

export const BUREAUS = ['public-security', 'civil-affairs', 'health', 'market-regulation'] as const;

/** Bureau ports for a test suite: base+1 … base+4, in the demo order. */
export function bureauPorts(base: number): Record<(typeof BUREAUS)[number], number> {
  return { 'public-security': base + 1, 'civil-affairs': base + 2, health: base + 3, 'market-regulation': base + 4 };
}

/** The four demo bureaus of a suite on base+1 … base+4, trusting the gateway's keys at base. */
export function startBureaus(base: number, dataDir: string, extra: (bureau: (typeof BUREAUS)[number]) => Record<string, string> = () => ({})): TestProcess[] {
  const ports = bureauPorts(base);
  return BUREAUS.map((bureau) =>
    startApp(bureau, {
      CAUSEWAY_PORT: String(ports[bureau]),
      CAUSEWAY_DATA_DIR: dataDir,
      CAUSEWAY_GATEWAY_JWKS_URL: `http://127.0.0.1:${base}/.well-known/jwks.json`,
      ...extra(bureau),
    }),
  );
}

/**
 * A gateway on `port` (default: `base`) composing from the demo bureaus of
 * startBureaus(base, …), retrying quickly while they start; `env` adds to
 * or overrides that.
 */
export function startGateway(base: number, dataDir: string, env: Record<string, string> = {}, port = base): TestProcess {
  return startApp('gateway', { CAUSEWAY_PORT: String(port), CAUSEWAY_DATA_DIR: dataDir, CAUSEWAY_BUREAUS: bureauList(base), CAUSEWAY_COMPOSE_RETRY_MS: '300', ...env });
}

export function bureauList(base: number): string {
  return Object.entries(bureauPorts(base))
    .map(([name, port]) => `${name}=http://127.0.0.1:${port}/graphql`)
    .join(',');
}
