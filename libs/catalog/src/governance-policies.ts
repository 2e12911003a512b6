import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { EntityOwners } from './catalog.js';
import { parseClassificationScheme, type ClassificationScheme } from './classification-scheme.js';

/** The governance configuration in policies/ that the catalog needs. */
export interface GovernancePolicies {
  scheme: ClassificationScheme;
  entityOwners: EntityOwners;
  /** Entity types whose key identifies a data subject (ownership.yaml `subjects`): indexed by the ledger as keyed hashes. */
  subjectTypes: readonly string[];
}

const typeName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'entity names are GraphQL type names');
const ownershipSchema = z.object({
  entities: z.record(typeName, z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'owners are bureau names')),
  subjects: z.array(typeName).default([]),
});

function parseOwnership(text: string, source: string): z.infer<typeof ownershipSchema> {
  const result = ownershipSchema.safeParse(parseYaml(text));
  if (!result.success) {
    const details = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid ${source}: ${details.join('; ')}`);
  }
  return result.data;
}

export function parseEntityOwners(text: string, source = 'ownership file'): EntityOwners {
  return parseOwnership(text, source).entities;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`Cannot read ${path}`);
  }
}

/** Loads classification.yaml (required) and ownership.yaml (optional) from a policies directory. */
export function loadGovernancePolicies(dir: string): GovernancePolicies {
  const schemeFile = join(dir, 'classification.yaml');
  const ownersFile = join(dir, 'ownership.yaml');
  const ownership = existsSync(ownersFile) ? parseOwnership(read(ownersFile), ownersFile) : { entities: {}, subjects: [] };
  return {
    scheme: parseClassificationScheme(read(schemeFile), schemeFile),
    entityOwners: ownership.entities,
    subjectTypes: ownership.subjects,
  };
}
