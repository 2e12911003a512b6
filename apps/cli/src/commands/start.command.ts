import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_BUREAUS, projectRoot, resolveFromCwd } from '#config';
import { CliConfig, cliConfig } from '../cli.config.js';
import { CommandFailedError, UsageError } from '../cli.error.js';
import { busyPorts, PORT_BASE_OPTION, portBaseOf } from '../port-base.js';
import { ProcessSupervisor } from '../process-supervisor.js';

interface StartOptions {
  supergraph?: string;
  dataDir?: string;
  portBase: string;
  readyTimeout: string;
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the four demo bureaus and the gateway on embedded SQLite (what `npm start` runs)')
    .option('--supergraph <file>', 'serve this static supergraph instead of composing from the bureaus')
    .option('--data-dir <dir>', 'where SQLite files and dev keys live (default: CAUSEWAY_DATA_DIR or .causeway)')
    .option(...PORT_BASE_OPTION)
    .option('--ready-timeout <seconds>', 'how long to wait for the gateway to report ready', '90')
    .action(async (options: StartOptions) => {
      const base = portBaseOf(options.portBase);
      const readyTimeout = Number(options.readyTimeout);
      if (!Number.isFinite(readyTimeout) || readyTimeout <= 0) throw new UsageError('--ready-timeout must be a positive number');
      const supergraph = options.supergraph ? resolveFromCwd(options.supergraph) : undefined;
      if (supergraph && !existsSync(supergraph)) throw new UsageError(`--supergraph: no such file ${supergraph}`);
      await runAll({ base, dataDir: cliConfig().dataDir(options.dataDir), supergraph, readyTimeoutMs: readyTimeout * 1000 });
    });
}

async function runAll(options: { base: number; dataDir: string; supergraph?: string; readyTimeoutMs: number }) {
  const root = projectRoot();
  const host = '127.0.0.1';
  // Before anything starts: a port already taken (another Causeway, say) would leave half a demo running.
  const busy = await busyPorts(host, [options.base, ...DEMO_BUREAUS.map((_, i) => options.base + 1 + i)]);
  if (busy.length > 0) {
    throw new CommandFailedError(
      `port${busy.length > 1 ? 's' : ''} ${busy.join(', ')} already in use on ${host} (another Causeway running?); stop it, or choose other ports with --port-base`,
    );
  }
  const inherited = CliConfig.inherited();
  const shared: NodeJS.ProcessEnv = {
    ...inherited,
    // The demo is read by people in a terminal: readable logs, unless asked for JSON.
    CAUSEWAY_LOG_FORMAT: inherited.CAUSEWAY_LOG_FORMAT ?? 'pretty',
    CAUSEWAY_DATA_DIR: options.dataDir,
    CAUSEWAY_HOST: host,
    APOLLO_TELEMETRY_DISABLED: 'true',
  };
  const bureaus = DEMO_BUREAUS.map((bureau, i) => ({ name: bureau.name, port: options.base + 1 + i }));
  const supervisor = new ProcessSupervisor();
  const { stop, stopping } = stopOnSignals(supervisor);

  for (const bureau of bureaus) {
    supervisor.start({
      name: bureau.name,
      script: join(root, 'dist', 'apps', bureau.name, 'src', 'main.js'),
      env: {
        ...shared,
        CAUSEWAY_PORT: String(bureau.port),
        CAUSEWAY_GATEWAY_JWKS_URL: `http://${host}:${options.base}/.well-known/jwks.json`,
      },
    });
  }
  const gatewayEnv: NodeJS.ProcessEnv = {
    ...shared,
    CAUSEWAY_PORT: String(options.base),
    CAUSEWAY_BUREAUS: bureaus.map((b) => `${b.name}=http://${host}:${b.port}/graphql`).join(','),
    // The demo's people sign in with `causeway token --user` (unless told otherwise).
    CAUSEWAY_DEV_PEOPLE_TOKENS: String(cliConfig().devPeopleTokens),
    // The demo's systems have no keys of their own: the gateway generates development keys for them.
    CAUSEWAY_DEV_SYSTEM_KEYS: 'true',
  };
  if (options.supergraph) gatewayEnv.CAUSEWAY_SUPERGRAPH_FILE = options.supergraph;
  supervisor.start({ name: 'gateway', script: join(root, 'dist', 'apps', 'gateway', 'src', 'main.js'), env: gatewayEnv });

  const gateway = `http://${host}:${options.base}`;
  if (!(await waitForReady(`${gateway}/health`, options.readyTimeoutMs, stopping))) {
    if (stopping()) return;
    process.stderr.write(`the gateway did not report ready within ${options.readyTimeoutMs / 1000} s; see the log above\n`);
    await stop(1);
    throw new CommandFailedError('not ready');
  }
  printRunning(
    gateway,
    bureaus.map((b) => ({ name: b.name, url: `http://${host}:${b.port}/graphql` })),
    options.dataDir,
  );
}

/** What runs where, and a first exchange to try. */
function printRunning(gateway: string, bureaus: Array<{ name: string; url: string }>, dataDir: string): void {
  const example =
    `curl -s ${gateway}/graphql -H 'content-type: application/json' \\\n` +
    `    -H "Authorization: Bearer $(npx causeway token --data-dir ${dataDir} --system civil-affairs.subsidy-review --purpose subsidy-eligibility)" \\\n` +
    `    -d '{"query":"{ people(first: 1) { nodes { idNumber name maritalStatus medicalInsurance { status } } } }"}'`;
  process.stdout.write(
    [
      '',
      'Causeway is running',
      `  gateway     ${gateway}/graphql   (health: ${gateway}/health)`,
      `  console     ${gateway}/console/   (sign in as a demo person: auditor-1, officer-ps, admin-1, …)`,
      ...bureaus.map((b) => `  ${b.name.padEnd(18)}${b.url}`),
      `  data        ${dataDir}`,
      '',
      `  try:  ${example}`,
      '',
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

/** Everything stops together: on Ctrl-C, on SIGTERM, or when one process refuses its configuration (others that die are restarted). */
function stopOnSignals(supervisor: ProcessSupervisor): { stop: (code: number) => Promise<void>; stopping: () => boolean } {
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping Causeway…\n');
    // The gateway first: its last checkpoint still reaches the bureaus that witness it.
    await supervisor.stopAll(10_000, ['gateway']);
    process.stdout.write('all processes stopped\n');
    process.exit(code);
  };
  supervisor.onUnexpectedExit((name, code, signal) => {
    process.stderr.write(`${name} refused its configuration (${signal ?? `code ${code}`}); stopping the others\n`);
    void stop(1);
  });
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  return { stop, stopping: () => stopping };
}

async function waitForReady(url: string, timeoutMs: number, cancelled: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !cancelled()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}
