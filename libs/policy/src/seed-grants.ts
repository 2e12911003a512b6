import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseGrant, type Grant } from './grant.js';

/** The seed grants in policies/grants.yaml (absent: none), each validated. */
export function readSeedGrants(policiesDir: string, levels: readonly string[]): Grant[] {
  const file = join(policiesDir, 'grants.yaml');
  if (!existsSync(file)) return [];
  let data: { grants?: unknown };
  try {
    data = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as { grants?: unknown };
  } catch {
    throw new Error(`Cannot read ${file}`);
  }
  if (!Array.isArray(data.grants)) throw new Error(`Invalid ${file}: expected a list under grants`);
  const grants = data.grants.map((grant) => parseGrant(grant, levels));
  const ids = new Set<string>();
  for (const grant of grants) {
    if (ids.has(grant.id)) throw new Error(`Invalid ${file}: grant ${grant.id} appears twice`);
    ids.add(grant.id);
  }
  return grants;
}
