import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { join } from 'node:path';
import { z } from 'zod';
import { readPolicyFile } from '#config';
import type { IssuerDefinition } from './oidc-issuer.js';
import type { PersonDefinition } from './person.js';

/** A registered calling system. */
export interface RegisteredSystem {
  id: string;
  department: string;
  clearance: string;
  purposes: string[];
  keys: JWTVerifyGetKey;
  /** Requests it may make per rate window (the gateway's default when null). */
  rateLimit: number | null;
  /** Operation limits of its own (depth, rootFields, aliases, fields, directives, records), over the gateway's defaults. */
  limits: Readonly<Record<string, number>>;
  /** Only operations registered for it (trusted documents) are served. */
  registeredOperationsOnly: boolean;
  /** Personal-information values it may be served per day (the gateway's default when null). */
  piiValuesPerDay: number | null;
  /** Lookups by a value it may not read in clear that may miss per day (the gateway's default when null). */
  lookupMissesPerDay: number | null;
}

const limit = z.number().int().min(1).max(10_000_000);
/** The operation limits a system may be given of its own. */
export const systemLimitsSchema = z.strictObject({ depth: limit, rootFields: limit, aliases: limit, fields: limit, directives: limit, records: limit }).partial();

/** Members only a private or secret key has: a registry holds public keys, which it shows and records. */
const PRIVATE_KEY_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const publicJwk = z
  .looseObject({ kty: z.string() })
  .refine((key) => key.kty !== 'oct' && !PRIVATE_KEY_MEMBERS.some((member) => member in key), 'a public key only (no private or symmetric key material)');

export const systemDefinitionSchema = z.object({
  id: z
    .string()
    .max(128)
    .regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9.-]*$/, 'system ids are department.system'),
  department: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/),
  clearance: z.string(),
  purposes: z.array(z.string()).min(1),
  jwks: z.object({ keys: z.array(publicJwk).min(1) }).optional(),
  jwksUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
  /** Requests per rate window, when this system may make more or fewer than the gateway's default. */
  rateLimit: z.number().int().min(1).max(1_000_000).optional(),
  /** Operation limits of its own, where it may ask for more or less than the gateway's defaults. */
  limits: systemLimitsSchema.optional(),
  /** Serve it registered operations (trusted documents) only. */
  registeredOperationsOnly: z.boolean().optional(),
  /** Personal-information values it may be served per day, over the gateway's default. */
  piiValuesPerDay: z.number().int().min(0).max(1_000_000_000).optional(),
  /** Lookups by a value it may not read in clear that may miss per day, over the gateway's default. */
  lookupMissesPerDay: z.number().int().min(0).max(1_000_000).optional(),
});
const systemsFile = z.object({ systems: z.array(systemDefinitionSchema) });
export const purposeNameSchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9-]*$/, 'purposes are lower-case-with-dashes');
const purposesFile = z.object({ purposes: z.record(purposeNameSchema, z.string()) });

export type SystemDefinition = z.infer<typeof systemDefinitionSchema>;

/** What the registry is made of, wherever it is stored (policies/ files, the gateway database). */
export interface RegistryDefinitions {
  systems: SystemDefinition[];
  /** Purpose name → description. */
  purposes: Record<string, string>;
  /** The people of the admin API, where the store holds them (the gateway database). */
  people?: PersonDefinition[];
  /** The external OIDC issuers, where the store holds them. */
  issuers?: IssuerDefinition[];
}

/** The demo registry as written in policies/systems.yaml and policies/purposes.yaml. */
export function readRegistryFiles(policiesDir: string): RegistryDefinitions {
  return {
    systems: readPolicyFile(systemsFile, join(policiesDir, 'systems.yaml')).systems,
    purposes: readPolicyFile(purposesFile, join(policiesDir, 'purposes.yaml')).purposes,
  };
}

export interface RegistryBuildOptions {
  /** Classification levels a clearance may name. */
  levels: readonly string[];
  /** Development keys for systems registered without keys of their own; without it such systems are an error. */
  devKeys?: (systemId: string) => JSONWebKeySet;
}

/**
 * The registry of calling systems and the purposes they may declare. Built
 * whole from definitions and checked as a whole: a clearance outside the
 * scheme, an unregistered purpose or a system without keys refuses the
 * registry rather than admitting a half-described system.
 */
export class SystemRegistry {
  private constructor(
    private readonly systems: ReadonlyMap<string, RegisteredSystem>,
    readonly purposes: ReadonlyMap<string, string>,
  ) {}

  static build(definitions: RegistryDefinitions, options: RegistryBuildOptions): SystemRegistry {
    const purposes = new Map<string, string>();
    for (const [name, description] of Object.entries(definitions.purposes)) {
      const checked = purposeNameSchema.safeParse(name);
      if (!checked.success) throw new Error(`purpose "${name}": ${checked.error.issues[0]?.message}`);
      purposes.set(name, description);
    }
    const systems = new Map<string, RegisteredSystem>();
    for (const raw of definitions.systems) {
      const parsed = systemDefinitionSchema.safeParse(raw);
      if (!parsed.success) {
        throw new Error(`system ${raw.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      const definition = parsed.data;
      if (systems.has(definition.id)) throw new Error(`system ${definition.id} is registered twice`);
      if (!options.levels.includes(definition.clearance)) {
        throw new Error(`system ${definition.id} has unknown clearance ${definition.clearance}`);
      }
      for (const purpose of definition.purposes) {
        if (!purposes.has(purpose)) throw new Error(`system ${definition.id} lists unregistered purpose ${purpose}`);
      }
      let keys: JWTVerifyGetKey;
      if (definition.jwks) keys = createLocalJWKSet(definition.jwks as JSONWebKeySet);
      else if (definition.jwksUrl) keys = createRemoteJWKSet(new URL(definition.jwksUrl), { cooldownDuration: 5000, timeoutDuration: 5000 });
      else if (options.devKeys) keys = createLocalJWKSet(options.devKeys(definition.id));
      else throw new Error(`system ${definition.id} has no jwks or jwksUrl`);
      systems.set(definition.id, {
        id: definition.id,
        department: definition.department,
        clearance: definition.clearance,
        purposes: [...definition.purposes],
        keys,
        rateLimit: definition.rateLimit ?? null,
        limits: definition.limits ?? {},
        registeredOperationsOnly: definition.registeredOperationsOnly ?? false,
        piiValuesPerDay: definition.piiValuesPerDay ?? null,
        lookupMissesPerDay: definition.lookupMissesPerDay ?? null,
      });
    }
    return new SystemRegistry(systems, purposes);
  }

  get(id: string): RegisteredSystem | undefined {
    return this.systems.get(id);
  }

  ids(): string[] {
    return [...this.systems.keys()];
  }
}

/** Where the authenticator reads the registry from: the current one, swapped whole when it changes. */
export interface RegistrySource {
  current(): SystemRegistry;
}
