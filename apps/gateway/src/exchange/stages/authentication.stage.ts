import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AuthenticationError, CallerAuthenticator, PurposeNotAllowedError } from '#identity';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../gateway.config.js';
import { RegistryService } from '../../registry/registry.service.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeError } from '../exchange.errors.js';
import type { ExchangeStage } from '../exchange.stage.js';

const BENCH_SYSTEM = 'civil-affairs.subsidy-review';

/** Establishes who is calling and for what declared purpose, or refuses the exchange. */
@Injectable()
export class AuthenticationStage implements ExchangeStage {
  readonly name = 'authentication';

  private readonly benchOff: boolean;

  constructor(
    private readonly authenticator: CallerAuthenticator,
    private readonly registry: RegistryService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.benchOff = config.benchLayersOff.includes('authentication');
  }

  async admit(exchange: ExchangeContext, request: IncomingMessage): Promise<void> {
    if (this.benchOff) {
      // Benchmark with authentication off (loopback only): every caller is the demo subsidy review.
      const system = this.registry.current().get(BENCH_SYSTEM);
      if (!system) throw exchangeError('UNAUTHENTICATED', 'The calling system could not be authenticated.', { reason: 'UNKNOWN_SYSTEM' }, 401);
      exchange.principal = { system: system.id, department: system.department, clearance: system.clearance, purpose: system.purposes[0]!, tokenId: randomUUID(), issuer: 'benchmark' };
      return;
    }
    const purposeHeader = request.headers['x-causeway-purpose'];
    try {
      exchange.principal = await this.authenticator.authenticate(
        request.headers.authorization,
        Array.isArray(purposeHeader) ? purposeHeader[0] : purposeHeader,
      );
    } catch (error) {
      if (error instanceof AuthenticationError) {
        throw exchangeError('UNAUTHENTICATED', 'The calling system could not be authenticated.', { reason: error.reason }, 401);
      }
      if (error instanceof PurposeNotAllowedError) {
        throw exchangeError('PURPOSE_NOT_ALLOWED', 'The declared purpose is not registered for this system.', {}, 403);
      }
      throw error;
    }
  }
}
