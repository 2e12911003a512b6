import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CLOCK, type Clock } from '#config';
import { schemaContract } from '#policy';
import { PolicyService } from '../policy/policy.service.js';
import { SupergraphService } from '../supergraph/supergraph.service.js';
import { CallerRequests } from './caller-requests.service.js';

/** How long, and how many, built contracts are kept: a time-limited grant may end, so not for long. */
const BUILT_FOR_MS = 10_000;
const BUILT_KEPT = 256;

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
  private readonly built = new Map<string, { sdl: string; until: number }>();

  constructor(
    private readonly callers: CallerRequests,
    private readonly policy: PolicyService,
    private readonly supergraph: SupergraphService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  async contract(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    const principal = await this.callers.principal(request);
    const { apiSchema, catalog } = this.supergraph;
    if (!apiSchema || !catalog) throw await this.callers.refuse(request, 503, 'NOT_READY', 'The federated graph is not loaded yet.', principal);
    const now = this.clock.now();
    // The same caller, purpose, policy version and graph within a few seconds get the contract already built (it is the costly part).
    const key = [principal.system, principal.department, principal.clearance, principal.purpose, this.policy.current().version, catalog.supergraphHash].join('\u0000');
    const kept = this.built.get(key);
    // Text only for the answer itself: a refusal above is JSON (set here, not by a decorator, which would label it text too).
    response.type('text/plain; charset=utf-8');
    if (kept && kept.until > now) return kept.sdl;
    // Decided afresh: a contract must not reflect a decision cached before a grant changed.
    const { sdl } = schemaContract(apiSchema, catalog, this.policy.decider(principal, now, { cache: false }));
    if (this.built.size >= BUILT_KEPT) this.built.delete(this.built.keys().next().value!);
    this.built.set(key, { sdl, until: now + BUILT_FOR_MS });
    return sdl;
  }
}
