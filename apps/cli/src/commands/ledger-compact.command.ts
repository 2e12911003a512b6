import type { Command } from 'commander';
import { compactClosedMonths } from '#ledger';
import { cliConfig } from '../cli.config.js';
import { CommandFailedError, UsageError } from '../cli.error.js';
import { openGatewayDatabase } from '../gateway-database.js';
import { dataDirFrom } from '../gateway-keys.js';

/**
 * `causeway ledger compact`: the PostgreSQL ledger's partitions of months
 * that have ended, vacuumed, frozen and reindexed once (ledger.compactor.ts);
 * run monthly as the schema owner, like pruning. Auditors and exchanges go
 * on meanwhile. Nothing stored changes: verification and every read answer
 * the same before and after.
 */
export function registerCompact(ledger: Command): void {
  ledger
    .command('compact')
    .description('PostgreSQL: vacuum, freeze and reindex the ledger partitions of months that have ended and were not compacted yet (as the schema owner; reads and writes go on)')
    .option('--month <YYYY-MM>', 'compact this month again (one that has ended), compacted before or not')
    .option('--data-dir <dir>', 'the gateway data directory; default CAUSEWAY_DATA_DIR or .causeway')
    .action(async (options: { month?: string; dataDir?: string }) => {
      const dataSource = await openGatewayDatabase(dataDirFrom(options.dataDir));
      try {
        if (dataSource.options.type !== 'postgres') {
          process.stdout.write('nothing to compact: the embedded SQLite ledger has no monthly partitions (compaction is for a PostgreSQL ledger)\n');
          return;
        }
        let compacted;
        try {
          compacted = await compactClosedMonths(dataSource, cliConfig().now(), options.month);
        } catch (error) {
          if (error instanceof RangeError) throw new UsageError(`--month: ${error.message}`);
          // insufficient_privilege: VACUUM and REINDEX are the tables' owner's.
          if ((error as { code?: string }).code === '42501') {
            throw new CommandFailedError(`compacting needs the role that owns the ledger's tables (the migration job's), not the gateway's runtime role: ${(error as Error).message}`);
          }
          throw error;
        }
        if (compacted.length === 0) {
          process.stdout.write(
            options.month ? `nothing to compact: the ledger has no partitions of ${options.month}\n` : 'nothing to compact: every month that has ended was compacted already\n',
          );
        }
        for (const { table, month, bytesBefore, bytesAfter } of compacted) {
          process.stdout.write(`${month} ${table}: ${mib(bytesBefore)} → ${mib(bytesAfter)} MiB\n`);
        }
      } finally {
        await dataSource.destroy();
      }
    });
}

function mib(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}
