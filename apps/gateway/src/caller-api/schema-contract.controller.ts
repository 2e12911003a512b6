import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import type { Request } from 'express';
import { CLOCK, type Clock } from '#config';
import { schemaContract } from '#policy';
import { PolicyService } from '../policy/policy.service.js';
import { SupergraphService } from '../supergraph/supergraph.service.js';
import { CallerRequests } from './caller-requests.service.js';

/**
 * GET /schema — the SDL a calling system may read for the purpose it
 * declares (in its token or X-Causeway-Purpose): a contract of the served
 * supergraph, decided now by the live policy, with each field's level, PII
 * kind, mask and owner in its description. For code generators:
 * introspection stays off at /graphql, and this names only what the caller
 * may read. Authenticated like an exchange; refusals are recorded.
 */
@Controller('schema')
export class SchemaContractController {
  constructor(
    private readonly callers: CallerRequests,
    private readonly policy: PolicyService,
    private readonly supergraph: SupergraphService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; charset=utf-8')
  @Header('cache-control', 'no-store')
  async contract(@Req() request: Request): Promise<string> {
    const principal = await this.callers.principal(request);
    const { apiSchema, catalog } = this.supergraph;
    if (!apiSchema || !catalog) throw await this.callers.refuse(request, 503, 'NOT_READY', 'The federated graph is not loaded yet.', principal);
    // Decided afresh: a contract must not reflect a decision cached before a grant changed.
    return schemaContract(apiSchema, catalog, this.policy.decider(principal, this.clock.now(), { cache: false })).sdl;
  }
}
