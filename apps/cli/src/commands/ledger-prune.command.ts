import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LedgerReader, planPrune, pruneLedger, verifyArchive, writePruneArchive } from '#ledger';
import { cliConfig, MIN_RETENTION_DAYS } from '../cli.config.js';
import { CommandFailedError, UsageError } from '../cli.error.js';
import { openGatewayDatabase } from '../gateway-database.js';
import { dataDirFrom, openGatewayKeystore } from '../gateway-keys.js';

/**
 * `causeway ledger prune`: retention with pruning. Archives the records
 * past retention that earlier prunes left, verifies the archive on its own
 * and against what it is to replace, then signs a tombstone checkpoint
 * naming the archive and removes those records in one transaction. The
 * database must be opened with a role that may DELETE from the ledger
 * (the migration job's owner role; never the gateway's runtime role).
 */
export function registerPrune(ledger: Command): void {
  ledger
    .command('prune')
    .description(
      `archive the records past the retention period (CAUSEWAY_LEDGER_RETENTION_DAYS, default 183) to a verified file, then remove them from the database behind a signed tombstone checkpoint`,
    )
    .requiredOption('--out <file>', 'the archive file to write (NDJSON; must not exist)')
    .option('--retention-days <days>', `keep this many days online; at least ${MIN_RETENTION_DAYS} (six months)`)
    .option('--data-dir <dir>', 'the gateway data directory; default CAUSEWAY_DATA_DIR or .causeway')
    .action(async (options: { out: string; retentionDays?: string; dataDir?: string }) => {
      const days = options.retentionDays === undefined ? cliConfig().retentionDays : Number(options.retentionDays);
      if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS) throw new UsageError(`the retention period must be a whole number of days, at least ${MIN_RETENTION_DAYS}`);
      const out = resolve(options.out);
      if (existsSync(out)) throw new UsageError(`--out: ${out} exists already; an archive is never overwritten`);
      const before = new Date(cliConfig().now() - days * 86_400_000).toISOString();
      const dataDir = dataDirFrom(options.dataDir);
      const keystore = await openGatewayKeystore(dataDir);
      const dataSource = await openGatewayDatabase(dataDir);
      try {
        const reader = new LedgerReader(dataSource);
        const cuts = await planPrune(reader, before);
        if (cuts.length === 0) {
          process.stdout.write(`nothing to prune: no sealed exchange records that started before ${before} are left in the database\n`);
          return;
        }
        const digest = await writePruneArchive(reader, cuts, out);
        const report = await verifyArchive(out, keystore.jwks());
        const ends = cuts.every((cut) => report.ends[cut.chain]?.seq === cut.seq && report.ends[cut.chain]?.hash === cut.hash);
        if (!report.ok || !ends)
          throw new CommandFailedError(`the archive does not verify${report.broken ? `: ${report.broken.reason} at ${report.broken.chain} ${report.broken.seq}` : ''}; nothing was removed`);
        const number = await pruneLedger(dataSource, cuts, digest, { issuer: cliConfig().issuer, signer: () => keystore.current() });
        const removed = cuts.reduce((sum, cut) => sum + cut.seq - cut.from + 1, 0);
        process.stdout.write(
          `archived ${removed} records that started before ${before} to ${out} (SHA-256 ${digest}) and removed them from the database behind tombstone checkpoint ${number}.\n` +
            `Keep the archive: causeway ledger verify --archive ${out} checks the database and it end to end.\n`,
        );
      } finally {
        await dataSource.destroy();
      }
    });
}
