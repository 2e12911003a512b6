import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** A registered calling system. */
export interface RegisteredSystem {
  id: string;
  department: string;
  clearance: string;
  purposes: string[];
  keys: JWTVerifyGetKey;
}

const systemSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9.-]*$/, 'system ids are department.system'),
  department: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/),
  clearance: z.string(),
  purposes: z.array(z.string()).min(1),
  jwks: z.object({ keys: z.array(z.looseObject({ kty: z.string() })).min(1) }).optional(),
  jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
});
const systemsFile = z.object({ systems: z.array(systemSchema) });
const purposesFile = z.object({ purposes: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.string()) });

export type SystemDefinition = z.infer<typeof systemSchema>;

function parse<T>(schema: z.ZodType<T>, file: string): T {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`Cannot read ${file}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new Error(`Invalid ${file}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}

/**
 * The registry of calling systems and the purposes they may declare, from
 * policies/. A system without keys of its own gets them from `devKeys`
 * (development only), or the registry refuses to load.
 */
export class SystemRegistry {
  private constructor(
    private readonly systems: ReadonlyMap<string, RegisteredSystem>,
    readonly purposes: ReadonlyMap<string, string>,
  ) {}

  static load(
    policiesDir: string,
    options: { levels: readonly string[]; devKeys?: (systemId: string) => JSONWebKeySet },
  ): SystemRegistry {
    const purposes = new Map(Object.entries(parse(purposesFile, join(policiesDir, 'purposes.yaml')).purposes));
    const definitions = parse(systemsFile, join(policiesDir, 'systems.yaml')).systems;
    const systems = new Map<string, RegisteredSystem>();
    for (const definition of definitions) {
      if (systems.has(definition.id)) throw new Error(`systems.yaml: ${definition.id} is registered twice`);
      if (!options.levels.includes(definition.clearance)) {
        throw new Error(`systems.yaml: ${definition.id} has unknown clearance ${definition.clearance}`);
      }
      for (const purpose of definition.purposes) {
        if (!purposes.has(purpose)) throw new Error(`systems.yaml: ${definition.id} lists unregistered purpose ${purpose}`);
      }
      let keys: JWTVerifyGetKey;
      if (definition.jwks) keys = createLocalJWKSet(definition.jwks as JSONWebKeySet);
      else if (definition.jwksUrl) keys = createRemoteJWKSet(new URL(definition.jwksUrl), { cooldownDuration: 5000, timeoutDuration: 5000 });
      else if (options.devKeys) keys = createLocalJWKSet(options.devKeys(definition.id));
      else throw new Error(`systems.yaml: ${definition.id} has no jwks or jwksUrl`);
      systems.set(definition.id, { ...definition, keys });
    }
    return new SystemRegistry(systems, purposes);
  }

  get(id: string): RegisteredSystem | undefined {
    return this.systems.get(id);
  }

  ids(): string[] {
    return [...this.systems.keys()];
  }

  static definitions(policiesDir: string): SystemDefinition[] {
    return parse(systemsFile, join(policiesDir, 'systems.yaml')).systems;
  }
}
