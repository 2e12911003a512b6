import type { GovernanceEntry } from '#ledger';
import type { Grant } from '#policy';

/** One policy version as the ledger recorded the change that made it. */
export interface PolicyVersion {
  version: number;
  at: string;
  actor: string;
  action: GovernanceEntry['action'];
  subject: string;
  before: unknown;
  after: unknown;
}

/**
 * The history of the grants, read from the ledger's governance chain (the
 * one record of every change, sealed): each version with who made it and
 * what it changed. The ledger is the source, so history cannot be edited
 * without breaking the chain.
 */
export async function policyHistory(chain: AsyncIterable<GovernanceEntry>): Promise<PolicyVersion[]> {
  const versions: PolicyVersion[] = [];
  for await (const entry of chain) {
    if (entry.kind !== 'policy-change' || entry.policyVersion === null) continue;
    versions.push({ version: entry.policyVersion, at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject, before: entry.before, after: entry.after });
  }
  return versions.sort((a, b) => a.version - b.version);
}

/** The grants as they stood at `version`, replayed from the history; null when the history does not reach it. */
export function grantsAt(history: readonly PolicyVersion[], version: number): Grant[] | null {
  if (!history.some((step) => step.version === version)) return null;
  const grants = new Map<string, Grant>();
  for (const step of history) {
    if (step.version > version) break;
    if (step.action === 'seed' || step.action === 'rollback') {
      grants.clear();
      for (const grant of step.after as Grant[]) grants.set(grant.id, grant);
    } else if (step.action === 'put') {
      const grant = step.after as Grant;
      grants.set(grant.id, grant);
    } else if (step.action === 'revoke') {
      grants.delete(step.subject);
    }
  }
  return [...grants.values()].sort((a, b) => a.id.localeCompare(b.id));
}
