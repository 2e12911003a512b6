import { Inject, Injectable, Logger } from '@nestjs/common';
import type { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { LedgerService, SubjectKeyring, type ExchangeEntry } from '#ledger';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../gateway.config.js';
import { recordBeforeRelease, recordRefusal } from '../../ledger/record-before-release.js';
import { GatewayMetrics } from '../../metrics/gateway-metrics.service.js';
import { SupergraphService } from '../../supergraph/supergraph.service.js';
import { exchangeEntry, refusedEntry, undeliveredEntry } from '../exchange-entry.builder.js';
import type { ExchangeContext } from '../exchange.context.js';
import type { ExchangeRequest, RecordStage, RefuseStage } from '../exchange.phases.js';

/**
 * The last phase: records the exchange in the ledger and waits for the
 * commit before anything is released; the receipt gains the record's place
 * (chain, sequence number, hash) and a signed receipt of it (a JWS the
 * caller can keep and verify offline). If the ledger cannot commit, the answer is
 * replaced by LEDGER_UNAVAILABLE (HTTP 503) and carries no data. Refused
 * exchanges (not authenticated, purpose refused) are recorded too. An
 * answer recorded as released whose connection closes before it was sent
 * whole gets a second record saying it was not delivered.
 */
@Injectable()
export class LedgerStage implements RecordStage, RefuseStage {
  private readonly logger = new Logger('Ledger');

  constructor(
    private readonly ledger: LedgerService,
    private readonly supergraph: SupergraphService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly metrics: GatewayMetrics,
    private readonly keyring: SubjectKeyring,
  ) {}

  async refuse(exchange: ExchangeContext, request: IncomingMessage, error: GraphQLError): Promise<void> {
    const built = refusedEntry(exchange, request, String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
    exchange.recorded = { decision: built.entry.decision, errorCodes: built.entry.errorCodes };
    await recordRefusal({ exchangeId: exchange.id }, () => this.ledger.append(built.entry, built.operation));
  }

  async record(exchange: ExchangeContext, request: ExchangeRequest): Promise<void> {
    const body = request.response.body;
    const result = body?.kind === 'single' ? body.singleResult : null;
    const built = exchangeEntry(exchange, request, result, this.supergraph.catalog, {
      recordVariables: this.config.ledger.recordVariables,
      keyedHash: (text) => this.keyring.keyedHash(text),
    });
    exchange.grade = built.entry.grade;
    exchange.recorded = { decision: built.entry.decision, errorCodes: built.entry.errorCodes };
    const recorded = await recordBeforeRelease(request.response, { exchangeId: exchange.id }, async () => {
      const waitStarted = performance.now();
      const position = await this.ledger.append(built.entry, built.operation);
      // How long this answer waited for its record (Server-Timing, for operators and benchmarks).
      const waitedMs = performance.now() - waitStarted;
      request.response.http.headers.set('server-timing', `ledger;dur=${waitedMs.toFixed(2)}`);
      this.metrics.ledgerWait.observe(waitedMs / 1000);
      const statement = { exchangeId: exchange.id, ...position, system: built.entry.caller.verified ? built.entry.caller.system : null, decision: built.entry.decision };
      const receipt = await this.signedReceipt(statement);
      return receipt ? { ledger: position, receipt } : { ledger: position };
    });
    if (recorded && (built.entry.decision === 'ALLOWED' || built.entry.decision === 'PARTIAL')) this.watchDelivery(exchange, built.entry);
  }

  /** The record is committed: a receipt that cannot be signed is left out, never a reason to withhold the answer. */
  private async signedReceipt(statement: Parameters<LedgerService['receipt']>[0]): Promise<string | undefined> {
    try {
      return await this.ledger.receipt(statement);
    } catch (error) {
      this.logger.error(`exchange ${statement.exchangeId}: no receipt signed: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Once the answer's connection closes: if the answer was not sent whole, records that. */
  private watchDelivery(exchange: ExchangeContext, released: ExchangeEntry): void {
    const response = exchange.httpResponse;
    if (!response) return;
    const check = () => {
      if (response.writableFinished) return;
      this.ledger.append(undeliveredEntry(released)).catch((error: unknown) => {
        this.logger.error(`exchange ${exchange.id}: its answer was not delivered, and that could not be recorded: ${(error as Error).message}`);
      });
    };
    if (response.closed) check();
    else response.once('close', check);
  }
}
