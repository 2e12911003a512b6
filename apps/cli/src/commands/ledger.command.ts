import type { Command } from 'commander';
import { createWriteStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { JSONWebKeySet } from 'jose';
import { EXPORT_FORMATS, exportLedger, type ExportFormat } from '../../../gateway/src/ledger/ledger.export.js';
import { verifyLedger } from '../../../gateway/src/ledger/ledger.verifier.js';
import { CommandFailedError, UsageError } from '../cli.error.js';
import { ledgerStoreOf, openGatewayDatabase } from '../gateway-database.js';
import { dataDirFrom, openGatewayKeystore } from '../gateway-keys.js';

export function registerLedger(program: Command): void {
  const ledger = program.command('ledger').description('the exchange ledger: verify its chains and checkpoints, export records');

  ledger
    .command('verify')
    .description('re-compute every hash chain and check every signed checkpoint; exit 1 at the first broken record')
    .option('--json', 'print data (JSON) instead of a sentence')
    .option('--jwks <file>', "also trust these public keys (a JWKS file: keys the gateway no longer publishes)")
    .option('--data-dir <dir>', 'the gateway data directory (SQLite database, keys); default CAUSEWAY_DATA_DIR or .causeway')
    .action(async (options: { json?: boolean; jwks?: string; dataDir?: string }) => {
      const dataDir = dataDirFrom(options.dataDir);
      const keys = (await openGatewayKeystore(dataDir)).jwks().keys;
      if (options.jwks) keys.push(...readJwks(options.jwks).keys);
      const dataSource = await openGatewayDatabase(dataDir);
      try {
        const report = await verifyLedger(ledgerStoreOf(dataSource), { keys });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else if (report.ok) {
          process.stdout.write(`ledger verified: ${report.verified} records in ${report.chains} chain(s), ${report.checkpoints} signed checkpoint(s)\n`);
        } else {
          const broken = report.broken!;
          process.stdout.write(
            `LEDGER BROKEN at chain ${broken.chain} record ${broken.seq}: ${broken.reason}: ${broken.detail}\n` +
              `(${report.verified} records before it verified)\n`,
          );
        }
        if (!report.ok) process.exitCode = 1;
      } finally {
        await dataSource.destroy();
      }
    });

  ledger
    .command('export')
    .description('stream ledger records (and the checkpoints sealing them) as NDJSON or CSV')
    .option('--from <instant>', 'records that started at or after this ISO 8601 instant')
    .option('--to <instant>', 'records that started before this ISO 8601 instant')
    .option('--format <format>', `${EXPORT_FORMATS.join(' or ')}`, 'ndjson')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--data-dir <dir>', 'the gateway data directory; default CAUSEWAY_DATA_DIR or .causeway')
    .action(async (options: { from?: string; to?: string; format: string; out?: string; dataDir?: string }) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) throw new UsageError(`--format must be ${EXPORT_FORMATS.join(' or ')}`);
      const range = { from: instant('--from', options.from), to: instant('--to', options.to) };
      const dataSource = await openGatewayDatabase(dataDirFrom(options.dataDir));
      try {
        await pipeline(exportLedger(ledgerStoreOf(dataSource), range, options.format as ExportFormat), options.out ? createWriteStream(options.out) : process.stdout);
      } finally {
        await dataSource.destroy();
      }
    });
}

function instant(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new UsageError(`${flag}: "${value}" is not an ISO 8601 instant`);
  return new Date(time).toISOString();
}

function readJwks(file: string): JSONWebKeySet {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet;
    if (!Array.isArray(parsed.keys)) throw new Error('no "keys" array');
    return parsed;
  } catch (error) {
    throw new CommandFailedError(`--jwks ${file}: ${(error as Error).message}`);
  }
}
