import { newEnforcer, newModelFromString, type Enforcer } from 'casbin';
import type { Grant } from './grant.js';
import type { GrantPartition } from './grant-partition.js';

/** Matcher evaluations (rows × ranks asked) between two turns of the event loop: about 10 ms. */
const YIELD_AFTER = 5_000;

/** One partition as the engine built it: its grants in row order and their index. */
export interface BuiltPartition {
  target: string;
  purpose: string;
  grants: readonly Grant[];
  index: GrantPartition;
}

/** The functions the model's matcher calls (the engine's, bound to one classification scheme). */
export type MatcherFunctions = Record<string, Parameters<Enforcer['addFunction']>[1]>;

/** Casbin's policy row for a grant: the token order of policies/model.conf's `p`. */
export function casbinRow(grant: Grant): string[] {
  return [grant.id, grant.target, grant.maxLevel, grant.purpose, grant.validUntil ? String(Date.parse(grant.validUntil)) : '', grant.effect];
}

/**
 * Holds every partition's index to Casbin: one enforcer on policies/model.conf
 * is loaded with each partition's rows in turn and asked, at `at`, for
 * every rank where the index's answer can change; the deciding grant and
 * effect must be the same, or the build fails (and the running engine stays).
 * The index encodes the matcher's meaning, so a model whose matcher was
 * changed is caught here instead of being silently ignored.
 */
export async function assertCasbinAgrees(options: { model: string; functions: MatcherFunctions; partitions: Iterable<BuiltPartition>; at: number }): Promise<void> {
  const model = newModelFromString(options.model);
  const enforcer = await newEnforcer(model);
  for (const [name, fn] of Object.entries(options.functions)) await enforcer.addFunction(name, fn);
  let work = 0;
  for (const partition of options.partitions) {
    // A large policy takes a second or more to check: let the exchanges being served go on meanwhile.
    work += partition.grants.length * partition.index.boundaryRanks.length;
    if (work >= YIELD_AFTER) {
      work = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    model.clearPolicy();
    model.addPolicies('p', 'p', partition.grants.map(casbinRow));
    // The target stands for a field it covers: a coordinate equals itself, `Type.*` starts with `Type.`, a tag is listed.
    const probe = partition.target;
    for (const rank of partition.index.boundaryRanks) {
      const [allowed, explain] = enforcer.enforceExSync(probe, probe, rank, partition.purpose, options.at);
      const match = partition.index.decisive(rank, options.at);
      const indexed = match ? partition.grants[match.grant]!.id : undefined;
      if (explain[0] !== indexed || allowed !== (match?.effect === 'allow')) {
        throw new Error(
          `policy engine: Casbin decides ${allowed ? 'allow' : 'deny'} by ${explain[0] ?? 'no grant'} where the index decides ` +
            `${match?.effect ?? 'nothing'} by ${indexed ?? 'no grant'} (target ${partition.target}, purpose ${partition.purpose}, rank ${rank}); ` +
            'was the matcher of policies/model.conf changed?',
        );
      }
    }
  }
}
