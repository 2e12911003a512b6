import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerCatalog } from './commands/catalog.command.js';
import { registerCompose } from './commands/compose.command.js';
import { registerKeys } from './commands/keys.command.js';
import { registerLedger } from './commands/ledger.command.js';
import { registerPolicy } from './commands/policy.command.js';
import { registerReceipt } from './commands/receipt.command.js';
import { registerToken } from './commands/token.command.js';
import { registerRegistry } from './commands/registry.command.js';
import { registerSchema } from './commands/schema.command.js';
import { registerStart } from './commands/start.command.js';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';

// Output piped into a reader that stopped (`… | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** This checkout's version: the package.json above this file (in dist/ or in the sources alike). */
function ownVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'causeway' && manifest.version) return manifest.version;
    }
  }
  return 'unknown';
}

const program = new Command()
  .name('causeway')
  .description('Causeway: the government data-exchange gateway')
  .version(ownVersion(), '-V, --version', 'print the version and exit')
  .addHelpText('after', '\nExit codes (every command): 0 done, 1 failed, 2 bad input (unknown option, invalid value, empty or inverted range).')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerStart(program);
registerCompose(program);
registerCatalog(program);
registerKeys(program);
registerToken(program);
registerPolicy(program);
registerSchema(program);
registerRegistry(program);
registerLedger(program);
registerReceipt(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage mistakes were already printed by commander.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  const exitCode = (error as { exitCode?: number }).exitCode ?? 1;
  process.stderr.write(`causeway: ${(error as Error).message}\n`);
  if (process.env.CAUSEWAY_DEBUG === '1') process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(exitCode);
}
