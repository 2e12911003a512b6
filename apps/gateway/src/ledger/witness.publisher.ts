import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { LedgerReader, LedgerService } from '#ledger';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { RegistryStore } from '../registry/registry.store.js';

const TIMEOUT_MS = 5_000;
const CATCH_UP_PER_ROUND = 500;

/**
 * Hands each checkpoint this replica writes to the ledger's witnesses
 * (parties that do not share the gateway's database: the bureaus by
 * default), after it is committed. A witness that missed some (it was down,
 * or another replica wrote them) answers with the last one it kept, and is
 * sent the rest in order. Best effort and one at a time: a witness that
 * cannot be reached gets everything it missed with the next checkpoint. A
 * witness that answers "fork" holds a checkpoint the ledger no longer has:
 * logged as an error, for the operators and auditors.
 */
@Injectable()
export class WitnessPublisher implements OnModuleInit {
  private readonly logger = new Logger('Witness');
  private publishing: Promise<void> = Promise.resolve();
  private readonly unreachable = new Set<string>();

  constructor(
    private readonly ledger: LedgerService,
    private readonly reader: LedgerReader,
    private readonly registry: RegistryStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.ledger.witnesses.length === 0) return;
    this.ledger.observeCheckpoints(() => {
      this.publishing = this.publishing.then(() => this.publish());
    });
  }

  /** Resolves once every checkpoint handed over so far has been offered. */
  settled(): Promise<void> {
    return this.publishing;
  }

  private async publish(): Promise<void> {
    const latest = await this.reader.latestCheckpoint().catch(() => null);
    if (!latest) return;
    const witnesses = await this.witnesses().catch(() => []);
    await Promise.all(witnesses.map((witness) => this.publishTo(witness, latest)));
  }

  /** The configured witnesses, or each bureau's checkpoint endpoint: the registered bureaus as they are now (a bureau that joins is a witness from its first checkpoint on). */
  private async witnesses(): Promise<URL[]> {
    const setting = this.config.ledger.witnesses;
    if (setting !== 'bureaus') return setting;
    const registered = await this.registry.bureaus();
    return (registered.length > 0 ? registered : this.config.bureaus).map((bureau) => new URL('/causeway/checkpoints', bureau.url));
  }

  private async publishTo(witness: URL, latest: { number: number; jws: string }): Promise<void> {
    try {
      let answer = await this.offer(witness, latest.jws);
      if (answer.status === 'gap') {
        // At most CATCH_UP_PER_ROUND at a time: a witness far behind (or claiming to be) is brought up over several rounds.
        const from = answer.latest ?? 0;
        for (const checkpoint of await this.reader.checkpointsBetween(from, Math.min(latest.number, from + CATCH_UP_PER_ROUND))) {
          answer = await this.offer(witness, checkpoint.jws);
          if (answer.status !== 'kept' && answer.status !== 'known') break;
        }
      }
      if (answer.status === 'fork') this.logger.error(`witness ${witness.host} holds a different checkpoint ${answer.number}: ${answer.detail}`);
      else if (answer.status === 'invalid') this.logger.error(`witness ${witness.host} refused checkpoint ${latest.number}: ${answer.detail}`);
      if (this.unreachable.delete(witness.href)) this.logger.log(`witness ${witness.host} reached again`);
    } catch (error) {
      // Once per outage, not once per checkpoint.
      if (!this.unreachable.has(witness.href)) this.logger.warn(`witness ${witness.host} not reached (${(error as Error).message}); it gets what it missed with a later checkpoint`);
      this.unreachable.add(witness.href);
    }
  }

  private async offer(witness: URL, jws: string): Promise<{ status: string; latest?: number; number?: number; detail?: string }> {
    const response = await fetch(witness, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jws }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status >= 500 || response.status === 404) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as { status: string; latest?: number };
  }
}
