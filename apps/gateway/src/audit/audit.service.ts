import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { parseInstant } from '#config';
import type { ClassificationScheme } from '#catalog';
import { GatewayKeystore } from '#exchange-token';
import {
  checkReceipt,
  createReadProcess,
  EXPORT_FORMATS,
  exportLedger,
  InvalidCursorError,
  LEDGER_OPTIONS,
  ledgerStatistics,
  ownerUsage,
  type OwnerUsage,
  LedgerReader,
  LedgerService,
  ledgerSource,
  searchLedger,
  verifyLedger,
  type ExportFormat,
  type LedgerFilter,
  type LedgerOptions,
  type LedgerPage,
  type LedgerStatistics,
  type ReceiptCheck,
  type VerificationReport,
  type SqliteReadProcess,
} from '#ledger';
import { AdminError } from '../admin/admin.error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { boundedRead } from './bounded-reads.js';

const MAX_PAGE = 500;

/** What an auditor may filter by: the ledger's filter, with a level by name. */
export type AuditFilter = Omit<LedgerFilter, 'minLevelRank'> & { minLevel?: string | null };

/**
 * The auditors' reads of the ledger: search, one record, statistics,
 * verification against the keys this gateway publishes, and export. Read-only;
 * every argument is checked here and refused as AdminError BAD_USER_INPUT.
 */
@Injectable()
export class AuditService implements OnModuleDestroy {
  private readonly scheme: ClassificationScheme;
  private readonly timeoutMs: number;
  /** On an SQLite file, the process where people's reads run: never on the event loop that serves exchanges. */
  private readonly reads: SqliteReadProcess | null;

  constructor(
    private readonly reader: LedgerReader,
    private readonly keystore: GatewayKeystore,
    private readonly ledgerService: LedgerService,
    @Inject(LEDGER_OPTIONS) private readonly ledger: LedgerOptions,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.scheme = config.policies.scheme;
    this.timeoutMs = config.adminQueryTimeoutMs;
    this.reads = createReadProcess(reader.dataSource, this.timeoutMs);
  }

  async onModuleDestroy(): Promise<void> {
    await this.reads?.close();
  }

  /** The name of a level rank, as records show it. */
  levelName(rank: number | null): string | null {
    return rank === null ? null : (this.scheme.names[rank] ?? null);
  }

  async search(filter: AuditFilter | null, first: number, after: string | null): Promise<LedgerPage> {
    if (first < 1 || first > MAX_PAGE) throw AdminError.badInput(`first must be between 1 and ${MAX_PAGE}`, 'first');
    const { minLevel, ...given } = filter ?? {};
    // An empty bound in a search filter means no bound, as it always has.
    const bounds = range({ from: given.from || undefined, to: given.to || undefined }, 'filter.');
    const rest = { ...given, from: bounds.from ?? null, to: bounds.to ?? null };
    let minLevelRank: number | null = null;
    if (minLevel) {
      if (!this.scheme.has(minLevel)) throw AdminError.badInput(`unknown level ${minLevel}; levels: ${this.scheme.names.join(', ')}`, 'filter.minLevel');
      minLevelRank = this.scheme.rank(minLevel);
    }
    try {
      return await boundedRead(this.reader, this.reads, this.timeoutMs, (reader) => searchLedger(reader, { ...rest, minLevelRank }, first, after));
    } catch (error) {
      if (error instanceof InvalidCursorError) throw AdminError.badInput(error.message, 'after');
      throw error;
    }
  }

  async byExchangeId(exchangeId: string): Promise<LedgerPage['records'][number] | null> {
    return (await boundedRead(this.reader, this.reads, this.timeoutMs, (reader) => searchLedger(reader, { exchangeId }, 1, null))).records[0] ?? null;
  }

  statistics(from: string, to: string): Promise<LedgerStatistics> {
    const bounds = range({ from, to }) as { from: string; to: string };
    return boundedRead(this.reader, this.reads, this.timeoutMs, (reader) => ledgerStatistics(reader, bounds.from, bounds.to));
  }

  ownerUsage(owner: string, from: string, to: string): Promise<OwnerUsage> {
    const bounds = range({ from, to }) as { from: string; to: string };
    return boundedRead(this.reader, this.reads, this.timeoutMs, (reader) => ownerUsage(reader, owner, bounds.from, bounds.to));
  }

  verify(): Promise<VerificationReport> {
    // Each statement is bounded on SQLite (pages of one chain), the whole run is not: verification reads everything.
    return verifyLedger(this.reader.on(this.reads), this.keystore.jwks(), this.ledger.levelRanks);
  }

  /**
   * An exchange's receipt as the gateway signs it for the record now (the
   * caller's copy differs only in when it was issued), checked against the
   * ledger: the record, its chain up to the checkpoint that seals it, and
   * that checkpoint's signature. Null when no record has that id.
   */
  async receiptOf(exchangeId: string): Promise<{ receipt: string; check: ReceiptCheck } | null> {
    const record = await this.reader.recordOf(exchangeId);
    if (!record) return null;
    const { chain, seq, hash, system, decision } = record;
    const receipt = await this.ledgerService.receipt({ exchangeId, chain, seq, hash, system, decision });
    return { receipt, check: await this.checkReceipt(receipt) };
  }

  /** A receipt someone presents (a calling system's copy), checked against the keys this gateway publishes and against the ledger. */
  checkReceipt(receipt: string): Promise<ReceiptCheck> {
    if (receipt.length > 8192 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(receipt.trim()))
      throw AdminError.badInput('a receipt is a compact JWS (three base64url parts)', 'receipt');
    return checkReceipt(receipt, this.keystore.jwks(), ledgerSource(this.reader.on(this.reads)));
  }

  /** The export's arguments checked; the stream starts only when it is read. */
  exporter(given: { from?: string; to?: string }, format: string): () => Readable {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw AdminError.badInput(`format must be ${EXPORT_FORMATS.join(' or ')}`, 'format');
    const bounds = range(given);
    return () => exportLedger(this.reader.on(this.reads), bounds, format as ExportFormat);
  }
}

/**
 * A time range as the ledger reads it: each given bound an instant
 * (parseInstant: an empty or six-digit-year bound is refused, never read as
 * "no bound" or compared as text), in the ledger's own form, and `from` not
 * after `to`.
 */
function range(given: { from?: string | null; to?: string | null }, prefix = ''): { from?: string; to?: string } {
  const bounds: { from?: string; to?: string } = {};
  for (const key of ['from', 'to'] as const) {
    const value = given[key];
    if (value === undefined || value === null) continue;
    const time = parseInstant(value);
    if (time === null) throw AdminError.badInput(`${key} must be an ISO 8601 date, or date and time with its offset (years 0001–9999)`, `${prefix}${key}`);
    bounds[key] = new Date(time).toISOString();
  }
  if (bounds.from && bounds.to && bounds.from > bounds.to) throw AdminError.badInput('from must not be after to', `${prefix}to`);
  return bounds;
}
