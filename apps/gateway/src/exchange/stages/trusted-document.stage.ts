import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { RegistryService } from '../../registry/registry.service.js';
import { documentHash, TrustedDocumentService } from '../../trusted-documents/trusted-document.service.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeError } from '../exchange.errors.js';
import type { AdmitStage } from '../exchange.phases.js';
import { persistedHashOf, type GraphQLRequestBody } from '../request-envelope.middleware.js';

/**
 * Trusted documents, before the operation is parsed. A caller may send an
 * operation registered for it by hash alone (`extensions.persistedQuery`,
 * as Apollo's clients do): the registered text takes its place, and a hash
 * unknown for this caller is PERSISTED_QUERY_NOT_FOUND. A caller in
 * "registered operations only" mode is refused anything else
 * (OPERATION_NOT_REGISTERED). Nothing a caller sends is ever registered:
 * Apollo's own automatic persisted queries stay off. That a hash sent with
 * a text matches it was checked with the envelope.
 */
@Injectable()
export class TrustedDocumentStage implements AdmitStage {
  constructor(
    private readonly documents: TrustedDocumentService,
    private readonly registry: RegistryService,
  ) {}

  async admit(exchange: ExchangeContext, request: IncomingMessage): Promise<void> {
    const system = exchange.principal?.system;
    const body = (request as IncomingMessage & { body?: GraphQLRequestBody }).body;
    if (!system || !body) return;
    const sentHash = persistedHashOf(body);
    if (sentHash === null && !this.registry.current().get(system)?.registeredOperationsOnly) return;
    // The gateway resolves the hash itself; Apollo must not see an APQ request.
    if (body.extensions) delete body.extensions.persistedQuery;
    if (typeof body.query !== 'string') {
      const text = await this.documents.find(system, sentHash!);
      if (text === null) throw exchangeError('PERSISTED_QUERY_NOT_FOUND', 'No operation with this hash is registered for this caller.', { reason: 'NOT_REGISTERED' }, 400);
      body.query = text;
      return;
    }
    if (!this.registry.current().get(system)?.registeredOperationsOnly) return;
    if ((await this.documents.find(system, sentHash ?? documentHash(body.query))) === null) {
      throw exchangeError('OPERATION_NOT_REGISTERED', `${system} is served registered operations only, and this is not one of them.`, {}, 403);
    }
  }
}
