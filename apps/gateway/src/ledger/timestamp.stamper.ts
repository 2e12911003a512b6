import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { LedgerAppender, LedgerReader, LedgerService, requestTimestamp, type CheckpointStatement } from '#ledger';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

/**
 * Has each checkpoint this replica writes time-stamped by the configured
 * RFC 3161 authority (CAUSEWAY_LEDGER_TSA_URL), a witness of when the
 * ledger stood so, and keeps the stamp in the ledger. One at a time; a
 * checkpoint the authority could not stamp stays unstamped (logged once
 * per outage): later ones are stamped, and each commits to all before it.
 */
@Injectable()
export class TimestampStamper implements OnModuleInit {
  private readonly logger = new Logger('Timestamp');
  private queue: Promise<void> = Promise.resolve();
  private failing = false;

  constructor(
    private readonly ledger: LedgerService,
    private readonly reader: LedgerReader,
    private readonly appender: LedgerAppender,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    const authority = this.config.ledger.timestampAuthority;
    if (!authority) return;
    this.ledger.observeCheckpoints((number) => {
      this.queue = this.queue.then(() => this.stamp(authority, number));
    });
  }

  /** Resolves once every checkpoint handed over so far was stamped or given up. */
  settled(): Promise<void> {
    return this.queue;
  }

  private async stamp(authority: URL, number: number): Promise<void> {
    try {
      const [checkpoint] = await this.reader.checkpointsBetween(number - 1, number);
      if (!checkpoint) return;
      // This replica signed it a moment ago; what it states is what the authority stamps.
      const { number: stated, previous, heads } = decodeJwt(checkpoint.jws) as unknown as CheckpointStatement;
      const token = await requestTimestamp(authority, { number: stated, previous, heads });
      await this.appender.addStamp({ number, authority: authority.host, stampedAt: new Date().toISOString(), token: Buffer.from(token).toString('base64') });
      if (this.failing) this.logger.log(`time-stamping authority ${authority.host} stamps again`);
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`checkpoint ${number} not time-stamped by ${authority.host}: ${(error as Error).message}`);
      this.failing = true;
    }
  }
}
