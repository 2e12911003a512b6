import { InvalidArgumentError, type Command } from 'commander';
import { createWriteStream, existsSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { JSONWebKeySet } from 'jose';
import { availableParallelism } from 'node:os';
import { parseInstant } from '#config';
import type { GatewayDatabase } from '#database';
import {
  CHECKPOINTS,
  checkPrunedArchives,
  checkStamps,
  EXPORT_FORMATS,
  exportLedger,
  LedgerReader,
  MAX_JOBS,
  MIN_SEGMENT,
  PARALLEL_FROM,
  verifyArchive,
  verifyLedger,
  WorkerSegmentRunner,
  type ChainBreak,
  type ExportFormat,
  type WitnessReport,
} from '#ledger';
import { CommandFailedError, UsageError } from '../cli.error.js';
import { readJwks } from '../jwks-file.js';
import { cliConfig, MIN_RETENTION_DAYS } from '../cli.config.js';
import { levelRanks, openGatewayDatabase } from '../gateway-database.js';
import { checkWitnesses, ledgerEvidence, readCertificate } from '../ledger-witnesses.js';
import { localArchives } from '../object-store.js';
import { dataDirFrom, openGatewayKeystore } from '../gateway-keys.js';
import { registerCompact } from './ledger-compact.command.js';
import { registerPrune } from './ledger-prune.command.js';

export function registerLedger(program: Command): void {
  const ledger = program.command('ledger').description('the exchange ledger: verify its chains and checkpoints, export records');
  registerVerify(ledger);
  registerChains(ledger);
  registerArchive(ledger);
  registerPrune(ledger);
  registerCompact(ledger);
  registerExport(ledger);
}

function registerVerify(ledger: Command): void {
  ledger
    .command('verify')
    .description('re-compute every hash chain and check every signed checkpoint; exit 1 at the first broken record')
    .option('--json', 'print data (JSON) instead of a sentence')
    .option('--jwks <file>', 'also trust these public keys (a JWKS file: keys the gateway no longer publishes)')
    .option('--file <archive>', 'verify this NDJSON export or archive instead of the database (no database needed)')
    .option('--data-dir <dir>', 'the gateway data directory (SQLite database, keys); default CAUSEWAY_DATA_DIR or .causeway')
    .option('--witness <url>', 'also compare the checkpoints with what this witness kept (a bureau: http://host:port/causeway/checkpoints); repeatable', collect, [])
    .option(
      '--archive <file>',
      'also check this archive of pruned records (a file or s3://bucket/key) against the tombstone naming it (repeatable; give every one to check them all)',
      collect,
      [],
    )
    .option('--tsa-cert <file>', "also check the checkpoints' RFC 3161 time stamps against this authority CA certificate (PEM or DER); repeatable", collect, [])
    .option('--chain <name>', 'verify this chain only, with every checkpoint (repeatable): processes given different chains verify the ledger in parallel', collect, [])
    .option(
      '--jobs <n>',
      `verify on this many threads at once (at most ${MAX_JOBS}; default: one per core for a ledger of ${PARALLEL_FROM.toLocaleString('en')} records or more, else 1)`,
      positiveInteger,
    )
    .option(
      '--deep',
      "also derive every record's searchable columns, field and data-subject rows from its content and compare them with those stored (slower: every record is parsed; uses the level ranks configured now)",
    )
    .action(async (options: VerifyCommandOptions) => {
      const dataDir = dataDirFrom(options.dataDir);
      const keys = options.jwks && options.file ? [] : (await openGatewayKeystore(dataDir)).jwks().keys;
      if (options.jwks) keys.push(...readJwks(options.jwks).keys);
      const dataSource = options.file ? null : await openGatewayDatabase(dataDir);
      try {
        if (options.file) checkFileUsage(options.file, options);
        const only = options.chain.length > 0 ? options.chain : null;
        const unknown = only ? await unknownChains(new LedgerReader(dataSource!), only) : [];
        if (unknown.length > 0) throw new UsageError(`--chain: the ledger has no records of ${unknown.join(', ')} (see causeway ledger chains)`);
        const verified = options.file
          ? await verifyArchive(options.file, { keys })
          : await verifyDatabase(new LedgerReader(dataSource!), cliConfig().database(dataDir), { keys }, { only, jobs: options.jobs, deep: options.deep === true });
        const evidence = await ledgerEvidence(options.file ? { file: options.file } : { reader: new LedgerReader(dataSource!) });
        const witnesses = await checkWitnesses(options.witness, evidence.hashes, { keys });
        const disagreeing = witnesses.find((witness) => !witness.ok);
        const certificates = options.tsaCert.map(readCertificate);
        const stamps = certificates.length > 0 ? await checkStamps(evidence.stamps, evidence.checkpoints, { keys }, certificates) : null;
        const archived = dataSource && options.archive.length > 0 ? await checkArchives(new LedgerReader(dataSource), options.archive, keys) : null;
        const broken = verified.broken ?? archived ?? disagreeing?.broken ?? stamps?.broken ?? null;
        const report = { ...verified, ok: broken === null, broken, witnesses, ...(stamps ? { timestamps: stamps.stamped } : {}) };
        printVerification(report, options.json === true);
        if (!report.ok) process.exitCode = 1;
      } finally {
        await dataSource?.destroy();
      }
    });
}

type VerifyReport = { ok: boolean; verified: number; chains: number; checkpoints: number; broken: ChainBreak | null; witnesses: WitnessReport[]; timestamps?: number };

/** The report as data, or in sentences: what agreed and what was verified, or the first break at its place. */
function printVerification(report: VerifyReport, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else if (report.ok) {
    for (const witness of report.witnesses) process.stdout.write(`witness ${witness.witness}: ${witness.agreed} checkpoint(s) agree (its latest: ${witness.latest ?? 'none'})\n`);
    if (report.timestamps !== undefined) process.stdout.write(`time stamps: ${report.timestamps} verified against the trusted authorities\n`);
    process.stdout.write(`ledger verified: ${report.verified} records in ${report.chains} chain(s), ${report.checkpoints} signed checkpoint(s)\n`);
  } else {
    const broken = report.broken!;
    const place = broken.chain === CHECKPOINTS ? `checkpoint ${broken.seq}` : `chain ${broken.chain} record ${broken.seq}`;
    process.stdout.write(`LEDGER BROKEN at ${place}: ${broken.reason}: ${broken.detail}\n` + `(${report.verified} records before it verified)\n`);
  }
}

/** The database's ledger verified, on worker threads when that is worth it (chain-segments.ts). */
async function verifyDatabase(reader: LedgerReader, database: GatewayDatabase, keys: JSONWebKeySet, how: { only: string[] | null; jobs: number | undefined; deep: boolean }) {
  const { only, jobs: asked, deep } = how;
  const ranks = levelRanks();
  let jobs = asked ?? 1;
  if (asked === undefined && availableParallelism() > 1) {
    let records = 0;
    for (const chain of only ?? (await reader.chains())) {
      const bounds = await reader.seqBounds(chain);
      records += bounds ? bounds.hi - bounds.lo + 1 : 0;
    }
    if (records >= PARALLEL_FROM) jobs = Math.min(availableParallelism(), MAX_JOBS);
  }
  if (jobs <= 1) return verifyLedger(reader, keys, ranks, { only, deep });
  const runner = new WorkerSegmentRunner(database, ranks, jobs);
  try {
    // Said on stderr (stdout stays the report): the answer is as sound, only slower.
    const failed = (error: Error) => process.stderr.write(`note: the verification workers failed (${error.message}); verified on one thread instead\n`);
    return await verifyLedger(reader, keys, ranks, { only, deep, parallel: { runner, minimum: MIN_SEGMENT, failed } });
  } finally {
    await runner.close();
  }
}

/** The database against the archives of its tombstones, files or objects in object storage. */
async function checkArchives(reader: LedgerReader, given: readonly string[], keys: JSONWebKeySet['keys']): Promise<ChainBreak | null> {
  const archives = await localArchives(given, () => cliConfig().objectStore);
  try {
    const broken = await checkPrunedArchives(reader, archives.files, { keys });
    return broken && { ...broken, chain: archives.named(broken.chain), detail: archives.named(broken.detail) };
  } finally {
    archives.done();
  }
}

type VerifyCommandOptions = {
  json?: boolean;
  jwks?: string;
  file?: string;
  dataDir?: string;
  witness: string[];
  archive: string[];
  tsaCert: string[];
  chain: string[];
  jobs?: number;
  deep?: boolean;
};

/** What --file cannot go with: it verifies an export or archive, not the database. */
function checkFileUsage(file: string, options: VerifyCommandOptions): void {
  if (!existsSync(file)) throw new UsageError(`--file: no such file ${file}`);
  // A file has no stored rows to compare: each record of it is read from its content anyway.
  if (options.deep) throw new UsageError('--deep compares the rows stored in the database with each record; a --file is verified from its records alone');
  if (options.chain.length > 0) throw new UsageError('--chain verifies chains of the database, not of a --file');
  if (options.jobs !== undefined) throw new UsageError('--jobs verifies the database on several threads, not a --file');
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_JOBS) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_JOBS}`);
  return n;
}

function registerChains(ledger: Command): void {
  ledger
    .command('chains')
    .description('list the chains of the ledger, one per line (to verify them in parallel: … | xargs -P 2 -I{} causeway ledger verify --chain {})')
    .option('--data-dir <dir>', 'the gateway data directory; default CAUSEWAY_DATA_DIR or .causeway')
    .action(async (options: { dataDir?: string }) => {
      const dataSource = await openGatewayDatabase(dataDirFrom(options.dataDir));
      try {
        for (const chain of await everyChain(new LedgerReader(dataSource))) process.stdout.write(`${chain}\n`);
      } finally {
        await dataSource.destroy();
      }
    });
}

function registerArchive(ledger: Command): void {
  ledger
    .command('archive')
    .description(`write the records older than the retention period (CAUSEWAY_LEDGER_RETENTION_DAYS, default 183) with their checkpoints to an archive file, and verify it`)
    .requiredOption('--out <file>', 'the archive file to write (NDJSON)')
    .option('--retention-days <days>', `keep this many days online; at least ${MIN_RETENTION_DAYS} (six months)`)
    .option('--data-dir <dir>', 'the gateway data directory; default CAUSEWAY_DATA_DIR or .causeway')
    .action(async (options: { out: string; retentionDays?: string; dataDir?: string }) => {
      const days = options.retentionDays === undefined ? cliConfig().retentionDays : Number(options.retentionDays);
      if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS) throw new UsageError(`the retention period must be a whole number of days, at least ${MIN_RETENTION_DAYS}`);
      const before = new Date(cliConfig().now() - days * 86_400_000).toISOString();
      const dataDir = dataDirFrom(options.dataDir);
      const dataSource = await openGatewayDatabase(dataDir);
      try {
        await pipeline(exportLedger(new LedgerReader(dataSource), { to: before }, 'ndjson'), createWriteStream(options.out));
      } finally {
        await dataSource.destroy();
      }
      const report = await verifyArchive(options.out, (await openGatewayKeystore(dataDir)).jwks());
      if (!report.ok) throw new CommandFailedError(`the archive does not verify: ${report.broken!.reason} at ${report.broken!.chain} ${report.broken!.seq}`);
      process.stdout.write(
        `archived ${report.verified} records that started before ${before} to ${options.out} (${report.checkpoints} checkpoints; verifies with: causeway ledger verify --file ${options.out}).\n` +
          'The records stay in the database (causeway ledger prune archives and removes them).\n',
      );
    });
}

function registerExport(ledger: Command): void {
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
      // An empty or inverted range is a mistake, not an empty export.
      if (range.from !== undefined && range.to !== undefined && range.from >= range.to) throw new UsageError(`--to must be after --from (${range.from} .. ${range.to} is empty)`);
      const dataSource = await openGatewayDatabase(dataDirFrom(options.dataDir));
      try {
        await pipeline(exportLedger(new LedgerReader(dataSource), range, options.format as ExportFormat), options.out ? createWriteStream(options.out) : process.stdout);
      } finally {
        await dataSource.destroy();
      }
    });
}

function instant(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = parseInstant(value);
  if (time === null) throw new UsageError(`${flag}: "${value}" is not an ISO 8601 date, or date and time with its offset (years 0001–9999)`);
  return new Date(time).toISOString();
}

/** Commander's way to repeat an option. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Named chains that have no records (a chain removed whole still fails verification as CHAIN_MISSING: its checkpoints name it). */
async function unknownChains(reader: LedgerReader, names: readonly string[]): Promise<string[]> {
  const chains = new Set(await everyChain(reader));
  const sealed = new Set((await reader.checkpointHeads()).map((head) => head.chain));
  return names.filter((name) => !chains.has(name) && !sealed.has(name));
}

/**
 * The chains any ledger table names: of records, and of field and subject
 * rows too, so that rows left of a chain without records are listed, and
 * verifying every listed chain (`--chain`, in parallel) finds them as one
 * verification of the whole ledger does.
 */
async function everyChain(reader: LedgerReader): Promise<string[]> {
  const tables = ['ledger_record', 'ledger_field', 'ledger_subject'] as const;
  const named = await Promise.all(tables.map((table) => reader.chains(table)));
  return [...new Set(named.flat())].sort();
}
