import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Readable } from 'node:stream';
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
    const { minLevel, ...rest } = filter ?? {};
    // An empty bound in a search filter means no bound, as it always has.
    for (const key of ['from', 'to'] as const) if (rest[key]) instant(rest[key], `filter.${key}`);
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
    instant(from, 'from');
    instant(to, 'to');
    return boundedRead(this.reader, this.reads, this.timeoutMs, (reader) => ledgerStatistics(reader, from, to));
  }

  ownerUsage(owner: string, from: string, to: string): Promise<OwnerUsage> {
    instant(from, 'from');
    instant(to, 'to');
    return boundedRead(this.reader, this.reads, this.timeoutMs, (reader) => ownerUsage(reader, owner, from, to));
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
  exporter(range: { from?: string; to?: string }, format: string): () => Readable {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw AdminError.badInput(`format must be ${EXPORT_FORMATS.join(' or ')}`, 'format');
    instant(range.from, 'from');
    instant(range.to, 'to');
    return () => exportLedger(this.reader.on(this.reads), range, format as ExportFormat);
  }
}

/** A given bound must be an instant; an empty one is refused, never read as "no bound". */
function instant(value: string | null | undefined, argument: string): void {
  if (value !== undefined && value !== null && Number.isNaN(Date.parse(value))) throw AdminError.badInput(`${argument.replace(/^filter\./, '')} must be an ISO 8601 instant`, argument);
}
