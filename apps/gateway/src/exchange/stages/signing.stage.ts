import { Injectable } from '@nestjs/common';
import { bodyHash, ExchangeTokenSigner } from '#exchange-token';
import type { ExchangeContext } from '../exchange.context.js';
import type { ForwardStage, OutgoingFetch } from '../exchange.phases.js';

/**
 * Signs every request the gateway sends to a bureau: a short-lived token for
 * that bureau only, naming the caller, department, purpose and exchange, and
 * bound to the exact body, so a bureau can refuse anything else.
 */
@Injectable()
export class SigningStage implements ForwardStage {
  constructor(private readonly signer: ExchangeTokenSigner) {}

  async forward(exchange: ExchangeContext, fetch: OutgoingFetch): Promise<void> {
    const { principal } = exchange;
    // Fail closed: nothing is signed for an exchange nobody was authenticated for.
    if (!principal) throw new Error(`exchange ${exchange.id} reached signing without a principal`);
    fetch.headers.authorization = `Bearer ${await this.signer.sign({
      bureau: fetch.bureau,
      system: principal.system,
      department: principal.department,
      purpose: principal.purpose,
      exchangeId: exchange.id,
      bodyHash: bodyHash(fetch.body),
      ...(fetch.headers.traceparent ? { traceparent: fetch.headers.traceparent } : {}),
    })}`;
  }
}
