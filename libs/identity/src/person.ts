import { join } from 'node:path';
import { z } from 'zod';
import { readPolicyFile } from '#config';

/**
 * Roles of people using the admin API. An auditor reads and verifies the
 * ledger and changes nothing; an officer (数据治理专员) manages the grants
 * over their own department's data and reads no ledger; an administrator
 * (the city data bureau, 大数据局) manages any grant and alters no ledger.
 */
export const ROLES = ['auditor', 'officer', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/** A person, as established by authentication: the one type admin resolvers and the ledger read. */
export interface Person {
  id: string;
  name: string;
  roles: Role[];
  /** The department an officer acts for; null for auditors. */
  department: string | null;
  /** Who issued the token: the development issuer or an OIDC issuer. */
  issuer: string;
}

export const personSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9._-]{1,63}$/, 'person ids are lower-case')
    // The names the registry's records give what acts without a person.
    .refine((id) => !['seed', 'composition', 'file'].includes(id), 'reserved: seed, composition and file name what acts without a person'),
  name: z.string().min(1).max(256),
  roles: z.array(z.enum(ROLES)).min(1),
  department: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .nullable()
    .default(null),
  /**
   * The OIDC issuer (exactly its `iss`) that vouches for this person; absent:
   * only development tokens (`causeway token --user`) name them. A token
   * from any other issuer does not, whatever its claims say.
   */
  issuer: z.url().max(512).optional(),
});
export type PersonDefinition = z.infer<typeof personSchema>;

/** The people who may use the admin API (policies/people.yaml), with their roles: roles come from here, never from a token. */
export function readPeopleFile(policiesDir: string): PersonDefinition[] {
  const { people } = readPolicyFile(z.object({ people: z.array(personSchema) }), join(policiesDir, 'people.yaml'));
  checkPeople(people);
  return people;
}

/** Refuses (throws) a list of people that cannot stand: someone listed twice, an officer without a department. */
export function checkPeople(people: readonly PersonDefinition[]): void {
  const ids = new Set<string>();
  for (const person of people) {
    if (ids.has(person.id)) throw new Error(`person ${person.id} is listed twice`);
    if (person.roles.includes('officer') && !person.department) throw new Error(`person ${person.id}: an officer acts for a department`);
    ids.add(person.id);
  }
}
