import { Inject, Injectable } from '@nestjs/common';
import { parse, type DocumentNode } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { exceededLimit, measureOperation } from '#policy';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../gateway.config.js';
import { RegistryService } from '../../registry/registry.service.js';
import { SupergraphService } from '../../supergraph/supergraph.service.js';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeError } from '../exchange.errors.js';
import { textNesting } from '../text-nesting.js';
import type { AdmitStage } from '../exchange.phases.js';
import type { GraphQLRequestBody } from '../request-envelope.middleware.js';

/** Parsed operations kept for texts seen again (only ones within the limits, and short). */
const CACHED_DOCUMENTS = 1_000;
const CACHED_TEXT_CHARS = 16_384;

/**
 * Refuses an operation that asks for too much before anything expensive
 * happens — before Apollo validates it (graphql-js's overlapping-fields
 * check is quadratic in repeated fields), before the field decisions,
 * planning and the bureaus: its depth, root fields, aliases, fields after
 * fragment expansion and directives are counted in time linear in the
 * document and compared with the configured limits (a system's own from
 * the registry over the gateway's), and so are the records it can return
 * (page sizes multiplied through nesting and aliases). QUERY_TOO_COMPLEX,
 * or QUERY_TOO_COSTLY for the records (HTTP 400), names the limit, the
 * measured value and the allowed one; the refusal is recorded like every
 * answer. The text is parsed here with the token limit; a text that does
 * not parse is left to Apollo, which reports it with its own code. Before
 * any parsing, the text's bracket nesting is bounded (text-nesting.ts).
 */
@Injectable()
export class LimitsStage implements AdmitStage {
  /** Text → parsed operation, oldest evicted first (a Map keeps insertion order). */
  private readonly documents = new Map<string, DocumentNode>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly registry: RegistryService,
    private readonly supergraph: SupergraphService,
  ) {}

  admit(exchange: ExchangeContext, request: IncomingMessage): void {
    const body = (request as IncomingMessage & { body?: GraphQLRequestBody }).body;
    if (!exchange.principal || typeof body?.query !== 'string') return;
    const nesting = this.documents.has(body.query) ? 0 : textNesting(body.query, this.config.limits.nesting);
    if (nesting > this.config.limits.nesting) {
      throw exchangeError(
        'QUERY_TOO_COMPLEX',
        `The operation nests brackets deeper than the gateway's nesting limit: more than ${this.config.limits.nesting}.`,
        {
          limit: 'nesting',
          allowed: this.config.limits.nesting,
        },
        400,
      );
    }
    const document = this.parsed(body.query);
    if (!document) return;
    const own = this.registry.current().get(exchange.principal.system)?.limits;
    const limits = own ? { ...this.config.limits, ...own } : this.config.limits;
    // Plain lists are counted at the assumed list size against the graph served (none yet: counted as one object each).
    const schema = this.supergraph.apiSchema;
    const lists = schema && { schema, listSize: limits.listSize };
    const exceeded = exceededLimit(measureOperation(document, body.operationName ?? null, body.variables ?? {}, lists), limits);
    if (!exceeded) {
      this.remember(body.query, document);
      return;
    }
    // How many records it can return is its cost; the rest is its complexity.
    throw exchangeError(
      exceeded.limit === 'records' ? 'QUERY_TOO_COSTLY' : 'QUERY_TOO_COMPLEX',
      `The operation exceeds the gateway's ${exceeded.limit} limit: ${exceeded.measured} > ${exceeded.allowed}.`,
      { limit: exceeded.limit, measured: exceeded.measured, allowed: exceeded.allowed },
      400,
    );
  }

  private parsed(text: string): DocumentNode | null {
    const cached = this.documents.get(text);
    if (cached) return cached;
    try {
      return parse(text, { maxTokens: this.config.limits.tokens, noLocation: true });
    } catch {
      return null;
    }
  }

  private remember(text: string, document: DocumentNode): void {
    if (text.length > CACHED_TEXT_CHARS || this.documents.has(text)) return;
    if (this.documents.size >= CACHED_DOCUMENTS) this.documents.delete(this.documents.keys().next().value!);
    this.documents.set(text, document);
  }
}
