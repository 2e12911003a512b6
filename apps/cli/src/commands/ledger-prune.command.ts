import type { Command } from 'commander';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LedgerReader, planPrune, pruneLedger, verifyArchive, writePruneArchive } from '#ledger';
import { cliConfig, MIN_RETENTION_DAYS } from '../cli.config.js';
import { CommandFailedError, UsageError } from '../cli.error.js';
import { openGatewayDatabase } from '../gateway-database.js';
import { ObjectStore, objectLocationOf, type ObjectLocation } from '../object-store.js';
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
    .requiredOption('--out <file>', 'the archive to write (NDJSON; must not exist): a file, or s3://bucket/key in object storage (CAUSEWAY_ARCHIVE_S3_*)')
    .option('--retention-days <days>', `keep this many days online; at least ${MIN_RETENTION_DAYS} (six months)`)
    .option('--data-dir <dir>', 'the gateway data directory; default CAUSEWAY_DATA_DIR or .causeway')
    .action(async (options: { out: string; retentionDays?: string; dataDir?: string }) => {
      const days = options.retentionDays === undefined ? cliConfig().retentionDays : Number(options.retentionDays);
      if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS) throw new UsageError(`the retention period must be a whole number of days, at least ${MIN_RETENTION_DAYS}`);
      const target = objectLocationOf(options.out);
      if (!target && existsSync(resolve(options.out))) throw new UsageError(`--out: ${resolve(options.out)} exists already; an archive is never overwritten`);
      // An archive for object storage is written and verified here first, then uploaded.
      const store = target ? new ObjectStore(cliConfig().objectStore) : null;
      const staging = target ? mkdtempSync(join(tmpdir(), 'causeway-prune-')) : null;
      const out = staging ? join(staging, 'archive.ndjson') : resolve(options.out);
      try {
        if (target && (await store!.exists(target))) throw new UsageError(`--out: ${options.out} exists already; an archive is never overwritten`);
        await prune(options.dataDir, days, out, target && { store: store!, target, name: options.out });
      } finally {
        store?.close();
        if (staging) rmSync(staging, { recursive: true, force: true });
      }
    });
}

/** Archives, verifies, uploads when asked, and only then removes. */
async function prune(dataDirFlag: string | undefined, days: number, out: string, upload: { store: ObjectStore; target: ObjectLocation; name: string } | null): Promise<void> {
  const before = new Date(cliConfig().now() - days * 86_400_000).toISOString();
  const dataDir = dataDirFrom(dataDirFlag);
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
    if (upload) {
      // Nothing is removed until the store holds the archive, byte for byte as verified here.
      await upload.store.upload(out, upload.target);
      const stored = await upload.store.digest(upload.target);
      if (stored !== digest) throw new CommandFailedError(`${upload.name} does not hold the archive written (SHA-256 ${stored}, not ${digest}); nothing was removed`);
    }
    const number = await pruneLedger(dataSource, cuts, digest, { issuer: cliConfig().issuer, signer: () => keystore.current() });
    const removed = cuts.reduce((sum, cut) => sum + cut.seq - cut.from + 1, 0);
    const where = upload?.name ?? out;
    process.stdout.write(
      `archived ${removed} records that started before ${before} to ${where} (SHA-256 ${digest}) and removed them from the database behind tombstone checkpoint ${number}.\n` +
        `Keep the archive: causeway ledger verify --archive ${where} checks the database and it end to end.\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}
