import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { DocumentNode } from 'graphql';
import type { Catalog } from '#catalog';
import { SubjectKeyring, type SubjectRelease } from '#ledger';
import type { ExchangeContext } from '../exchange/exchange.context.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import type { DecideStage, ExchangeRequest, ShapeStage } from '../exchange/exchange.phases.js';
import { SupergraphService } from '../supergraph/supergraph.service.js';
import { takeSubjects, withSubjectKeys, type SubjectSelection } from './subject-selection.js';
import { subjectKeyFields } from './subject-types.js';

/** Rewritten operations kept per catalog. */
const REWRITES = 1000;

/**
 * Whom each answer releases data about (the data-subject index of the
 * ledger). Decide: after the policy has decided (and filtered), every
 * entity the operation reaches also selects its key under an alias of the
 * gateway's. Shape: those keys are taken out of the answer again, and each
 * subject that had a field of the caller's served becomes a keyed hash
 * with the owner departments of what was served about it; the clear keys
 * go no further than this stage.
 */
@Injectable()
export class SubjectStage implements DecideStage, ShapeStage {
  /**
   * Rewrites per catalog and planned document, by its query hash (the
   * policy gives a filtered document a hash of its own; a filtered document
   * is a new object every time, its text is not). At most REWRITES kept.
   */
  private readonly rewrites = new WeakMap<Catalog, Map<string, SubjectSelection | null>>();

  constructor(
    private readonly supergraph: SupergraphService,
    private readonly keyring: SubjectKeyring,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  decide(exchange: ExchangeContext, request: ExchangeRequest): void {
    const catalog = this.supergraph.catalog;
    const document = request.document;
    if (!catalog || !document) return;
    let byHash = this.rewrites.get(catalog);
    if (!byHash) this.rewrites.set(catalog, (byHash = new Map()));
    const key = request.queryHash;
    let selection = key === undefined ? undefined : byHash.get(key);
    if (selection === undefined) {
      selection = withSubjectKeys(request.schema, document, (type) => subjectKeyFields(catalog, this.config.policies.subjectTypes, type));
      if (key !== undefined) {
        // Oldest first out: a Map iterates in insertion order.
        if (byHash.size >= REWRITES) byHash.delete(byHash.keys().next().value!);
        byHash.set(key, selection);
      }
    }
    if (!selection) return;
    exchange.subjectAliases = selection.aliases;
    const writable = request as { document?: DocumentNode; queryHash?: string };
    writable.document = selection.document;
    // A plan of its own (query plans are cached by queryHash), derived from the hash of what is planned without the keys.
    writable.queryHash = createHash('sha256')
      .update(`subjects\n${request.queryHash ?? ''}`)
      .digest('hex');
  }

  shape(exchange: ExchangeContext, request: ExchangeRequest): void {
    const aliases = exchange.subjectAliases;
    const body = request.response.body;
    const catalog = this.supergraph.catalog;
    if (!aliases || !catalog || body?.kind !== 'single') return;
    const found = takeSubjects(body.singleResult, aliases);
    if (found.length === 0) return;
    const ownersOf = ownersByPath(exchange, catalog);
    const released = new Map<string, Set<string>>();
    for (const subject of found) {
      const token = this.keyring.token({ type: subject.typeName, key: subject.key });
      const owners = released.get(token) ?? new Set<string>();
      for (const key of subject.servedKeys) for (const owner of ownersOf.get([...subject.path, key].join('.')) ?? []) owners.add(owner);
      released.set(token, owners);
    }
    exchange.subjects = [...released]
      .filter(([, owners]) => owners.size > 0)
      .map(([token, owners]): SubjectRelease => ({ token, owners: [...owners].sort() }))
      .sort((a, b) => (a.token < b.token ? -1 : 1));
  }
}

/** Owner departments of the allowed fields at each response path. */
function ownersByPath(exchange: ExchangeContext, catalog: Catalog): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const field of exchange.policy?.fields ?? []) {
    if (!field.allowed) continue;
    const key = field.path.join('.');
    owners.set(key, [...(owners.get(key) ?? []), ...field.decisions.map((decision) => catalog.lookupCoordinate(decision.coordinate).owner)]);
  }
  return owners;
}
