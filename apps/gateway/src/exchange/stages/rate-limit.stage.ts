import { HeaderMap } from '@apollo/server';
import { Injectable } from '@nestjs/common';
import { RegistryService } from '../../registry/registry.service.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeError } from '../exchange.errors.js';
import type { AdmitStage } from '../exchange.phases.js';
import { RateLimiter } from '../../quota/rate-limiter.service.js';

/**
 * Refuses a system past its request rate: RATE_LIMITED (HTTP 429) with
 * Retry-After, recorded like every refusal. After authentication, so that
 * nobody can spend another system's allowance with forged tokens.
 */
@Injectable()
export class RateLimitStage implements AdmitStage {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly registry: RegistryService,
  ) {}

  async admit(exchange: ExchangeContext): Promise<void> {
    const system = exchange.principal?.system;
    if (!system) return;
    const waitMs = await this.limiter.consume(system, this.registry.current().get(system)?.rateLimit ?? null);
    if (waitMs === null) return;
    const seconds = String(Math.ceil(waitMs / 1000));
    throw exchangeError('RATE_LIMITED', `Too many requests from ${system}: retry in ${seconds} s.`, { http: { status: 429, headers: new HeaderMap([['retry-after', seconds]]) } });
  }
}
