import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { issuerDefinitionSchema, personSchema, purposeNameSchema, systemDefinitionSchema, type IssuerDefinition, type Person, type PersonDefinition, type SystemDefinition } from '#identity';
import { AdminError } from '../admin/admin.error.js';
import type { IssuerInput, PersonInput, PurposeModel, SystemInput } from './registry.models.js';
import { RegistryService } from './registry.service.js';
import { RegistryChangeError, type RegistryCheck } from './registry-change.js';
import { RegistryStore } from './registry.store.js';

/**
 * Administrators' work on the registry: calling systems, purposes and the
 * people of the admin API, read
 * from the database and changed through the admin API. A change is checked
 * as the whole registry it would make (the check a load makes), saved with
 * its ledger record in one transaction, and served by this replica before
 * the answer; the others follow within a second (RegistryService).
 */
@Injectable()
export class RegistryAdminService {
  constructor(
    private readonly store: RegistryStore,
    private readonly registry: RegistryService,
  ) {}

  async systems(): Promise<SystemDefinition[]> {
    return (await this.store.read()).systems;
  }

  async purposes(): Promise<PurposeModel[]> {
    return Object.entries((await this.store.read()).purposes).map(([name, description]) => ({ name, description }));
  }

  async people(): Promise<PersonDefinition[]> {
    return (await this.store.read()).people ?? [];
  }

  /** Registers a person or changes their roles; refused when no administrator would be left. */
  async putPerson(person: Person, input: PersonInput): Promise<number> {
    const definition = parsed(personSchema.strict(), input);
    return this.changed(() => this.store.putPerson(definition, person.id, this.check));
  }

  async removePerson(person: Person, id: string): Promise<number> {
    return this.changed(() => this.store.removePerson(id, person.id, this.check));
  }

  async issuers(): Promise<IssuerDefinition[]> {
    return (await this.store.read()).issuers ?? [];
  }

  /** Trusts an issuer, or changes what it may vouch for: https only (plain http on the loopback interface, for development). */
  async putIssuer(person: Person, input: IssuerInput): Promise<number> {
    const definition = parsed(issuerDefinitionSchema.strict(), input);
    return this.changed(() => this.store.putIssuer(definition, person.id, this.check));
  }

  async removeIssuer(person: Person, issuer: string): Promise<number> {
    return this.changed(() => this.store.removeIssuer(issuer, person.id, this.check));
  }

  async putSystem(person: Person, input: SystemInput): Promise<number> {
    return this.changed(() => this.store.putSystem(systemOf(input), person.id, this.check));
  }

  async removeSystem(person: Person, id: string): Promise<number> {
    return this.changed(() => this.store.removeSystem(id, person.id, this.check));
  }

  async putPurpose(person: Person, name: string, description: string): Promise<number> {
    const checked = purposeNameSchema.safeParse(name);
    if (!checked.success) throw AdminError.badInput(`name: ${checked.error.issues[0]?.message}`, 'name');
    if (description.trim().length === 0 || description.length > 500) throw AdminError.badInput('description: 1 to 500 characters', 'description');
    return this.changed(() => this.store.putPurpose(name, description.trim(), person.id, this.check));
  }

  async removePurpose(person: Person, name: string): Promise<number> {
    return this.changed(() => this.store.removePurpose(name, person.id, this.check));
  }

  private readonly check: RegistryCheck = (definitions) => {
    try {
      this.registry.check(definitions);
    } catch (error) {
      throw AdminError.badInput(`the registry would not be valid: ${(error as Error).message}`, 'input');
    }
  };

  /** Saves, then serves the new registry on this replica before answering. */
  private async changed(save: () => Promise<number>): Promise<number> {
    let version: number;
    try {
      version = await save();
    } catch (error) {
      if (error instanceof RegistryChangeError) throw AdminError.badInput(error.message, error.argument);
      throw error;
    }
    await this.registry.refresh();
    // Saved and recorded, but not served here: say so rather than answer as if it were in effect.
    if (this.registry.version < version) throw new Error(`registry version ${version} was saved but this replica could not load it`);
    return version;
  }
}

/** The input as a system definition, validated as the registry files are; the first problem names its input. */
function systemOf(input: SystemInput): SystemDefinition {
  let jwks: unknown;
  if (input.jwks) {
    try {
      jwks = JSON.parse(input.jwks);
    } catch {
      throw AdminError.badInput('jwks: not JSON (a JWK set: {"keys": […]})', 'input.jwks');
    }
  }
  const limits = input.limits ? Object.fromEntries(Object.entries(input.limits).filter(([, value]) => value !== null && value !== undefined)) : undefined;
  const candidate = { ...input, jwks, limits, registeredOperationsOnly: input.registeredOperationsOnly || undefined };
  const system = parsed(systemDefinitionSchema.strict(), candidate);
  if (system.jwks && system.jwksUrl) throw AdminError.badInput('give jwks or jwksUrl, not both', 'input.jwksUrl');
  return system;
}

/** An input (its nulls dropped) as `schema` reads it; the first problem names its input, as `input.path`. */
function parsed<T>(schema: z.ZodType<T>, input: object): T {
  const candidate = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined));
  const result = schema.safeParse(candidate);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw AdminError.badInput(`${issue.path.join('.') || 'input'}: ${issue.message}`, ['input', ...issue.path.map(String)].join('.'));
  }
  return result.data;
}
