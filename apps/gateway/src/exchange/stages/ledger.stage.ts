import type { GraphQLRequestContext } from '@apollo/server';
import { Inject, Injectable } from '@nestjs/common';
import type { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../gateway.config.js';
import { exchangeEntry, refusedEntry, type BuiltEntry } from '../../ledger/exchange-entry.builder.js';
import { LedgerService } from '../../ledger/ledger.service.js';
import { SupergraphService } from '../../supergraph/supergraph.service.js';
import type { ExchangeContext, GatewayContext } from '../exchange.context.js';
import { exchangeError } from '../exchange.errors.js';
import type { ExchangeStage } from '../exchange.stage.js';

const UNAVAILABLE_MESSAGE = 'The exchange ledger is unavailable: no data is released until the exchange can be recorded. Retry shortly.';

/**
 * The last stage: records the exchange in the ledger and waits for the
 * commit before anything is released. The receipt gains the record's
 * place (chain, sequence number, hash). If the ledger cannot commit, the
 * answer is replaced by LEDGER_UNAVAILABLE (HTTP 503) and carries no data.
 * Refused exchanges (not authenticated, purpose refused) are recorded too.
 */
@Injectable()
export class LedgerStage implements ExchangeStage {
  readonly name = 'ledger';

  constructor(
    private readonly ledger: LedgerService,
    private readonly supergraph: SupergraphService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async refuse(exchange: ExchangeContext, request: IncomingMessage, error: GraphQLError): Promise<void> {
    const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    await this.record(refusedEntry(exchange, request, code), exchange);
  }

  async respond(exchange: ExchangeContext, request: GraphQLRequestContext<GatewayContext>): Promise<void> {
    const body = request.response.body;
    const result = body?.kind === 'single' ? body.singleResult : null;
    const built = exchangeEntry(exchange, request, result, this.supergraph.catalog, this.config.ledger.recordVariables);
    try {
      const waitStarted = performance.now();
      const position = await this.ledger.append(built.entry, built.operation);
      // How long this answer waited for its record (Server-Timing, for operators and benchmarks).
      request.response.http.headers.set('server-timing', `ledger;dur=${(performance.now() - waitStarted).toFixed(2)}`);
      if (result) {
        const receipt = (result.extensions?.causeway ?? {}) as Record<string, unknown>;
        result.extensions = { ...result.extensions, causeway: { ...receipt, ledger: position } };
        return;
      }
    } catch {
      // fall through: nothing of this answer may leave
    }
    // Not recorded (or an answer the ledger cannot vouch for): release nothing but the refusal.
    request.response.body = {
      kind: 'single',
      singleResult: {
        errors: [{ message: UNAVAILABLE_MESSAGE, extensions: { code: 'LEDGER_UNAVAILABLE', exchangeId: exchange.id } }],
        extensions: { causeway: { exchangeId: exchange.id } },
      },
    };
    request.response.http.status = 503;
  }

  private async record(built: BuiltEntry, exchange: ExchangeContext): Promise<void> {
    try {
      await this.ledger.append(built.entry, built.operation);
    } catch {
      throw exchangeError('LEDGER_UNAVAILABLE', UNAVAILABLE_MESSAGE, { exchangeId: exchange.id }, 503);
    }
  }
}
