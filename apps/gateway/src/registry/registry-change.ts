import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RegistryDefinitions } from '#identity';
import type { GovernanceEntry, LedgerAppender } from '#ledger';
import { RegistryStateEntity } from './registry-state.entity.js';

/** The ledger chain of registry changes (its own: registry and policy changes do not share a lock). */
export const REGISTRY_CHAIN = 'registry';

/** A bureau as registered: its Federation subgraph name, department and URL. */
export interface BureauDefinition {
  name: string;
  department: string;
  url: string;
}

/** Throws to refuse a registry as a change would leave it. */
export type RegistryCheck = (definitions: RegistryDefinitions) => void;

/** A change that names something the registry does not hold. */
export class RegistryChangeError extends Error {
  constructor(
    message: string,
    readonly argument: string,
  ) {
    super(message);
  }
}

/** Records a change of the registry (systems, people, bureaus, supergraph versions…) on the registry chain, inside its transaction. */
export async function recordRegistryChange(
  ledger: LedgerAppender,
  manager: EntityManager,
  change: Pick<GovernanceEntry, 'actor' | 'action' | 'subject' | 'before' | 'after'> & { at?: string },
): Promise<void> {
  await ledger.appendWithin(manager, REGISTRY_CHAIN, {
    kind: 'registry-change',
    exchangeId: randomUUID(),
    at: change.at ?? new Date().toISOString(),
    actor: change.actor,
    action: change.action,
    subject: change.subject,
    before: change.before,
    after: change.after,
    policyVersion: null,
  });
}

/**
 * Takes the registry state row's lock for the rest of the transaction.
 * Every writer of the registry chain (registry changes, seeds, supergraph
 * decisions) holds it first: a chain's records must be appended one writer
 * at a time, or two could take the same place in it.
 */
export async function lockRegistryChain(manager: EntityManager): Promise<void> {
  await manager.increment(RegistryStateEntity, { id: 1 }, 'version', 0);
}
