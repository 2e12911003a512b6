import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readPolicyFile } from '#config';
import { parseGrant, type Grant } from './grant.js';

const grantsFile = z.object({ grants: z.array(z.unknown()) });

/** The seed grants in policies/grants.yaml (absent: none), each validated. */
export function readSeedGrants(policiesDir: string, levels: readonly string[]): Grant[] {
  const file = join(policiesDir, 'grants.yaml');
  if (!existsSync(file)) return [];
  const grants = readPolicyFile(grantsFile, file).grants.map((grant) => parseGrant(grant, levels));
  const ids = new Set<string>();
  for (const grant of grants) {
    if (ids.has(grant.id)) throw new Error(`Invalid ${file}: grant ${grant.id} appears twice`);
    ids.add(grant.id);
  }
  return grants;
}
