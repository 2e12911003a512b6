import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { Person } from '#identity';
import { CompositionError, UnreachableBureausError } from '#supergraph';
import { AdminError } from '../admin/admin.error.js';
import { RegistryChangeError, type BureauDefinition } from '../registry/registry-change.js';
import { RegistryStore } from '../registry/registry.store.js';
import type { SupergraphVersionEntity } from './supergraph-version.entity.js';
import { SupergraphService, type Candidate, type OfferResult } from './supergraph.service.js';
import { SupergraphDecisionError, SupergraphStore } from './supergraph.store.js';

/** Any name Federation accepts for a subgraph (composition makes an enum value of it), one letter included. */
const bureauSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, 'a Federation subgraph name: a letter or _, then letters, digits, _ or -, at most 64'),
  department: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'lower-case-with-dashes, 2 to 63 characters'),
  // Credentials in a URL would be stored in the registry and its ledger records, and shown to whoever lists bureaus:
  // the gateway proves itself to bureaus with its signature, not with a password in the address.
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .refine((url) => {
      const parsed = new URL(url);
      return parsed.username === '' && parsed.password === '' && parsed.hash === '';
    }, 'an http(s) URL without user name, password or fragment'),
});

/**
 * Administrators: bureaus join, change and leave without a restart, and the
 * supergraph versions they make are approved, rejected or rolled back. A
 * bureau change is composed and checked before anything is saved: a graph
 * that does not compose refuses the change; one that loosens governance is
 * saved but waits for another administrator's approval.
 */
@Injectable()
export class SupergraphAdminService {
  constructor(
    private readonly registry: RegistryStore,
    private readonly store: SupergraphStore,
    private readonly supergraph: SupergraphService,
  ) {}

  bureaus(): Promise<BureauDefinition[]> {
    return this.registry.bureaus();
  }

  versions(last: number): Promise<SupergraphVersionEntity[]> {
    if (last < 1 || last > 1000) throw AdminError.badInput('last must be between 1 and 1000', 'last');
    return this.store.list(last);
  }

  async putBureau(person: Person, input: unknown): Promise<{ registryVersion: number } & OfferResult> {
    const parsed = bureauSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw AdminError.badInput(`${issue.path.join('.') || 'input'}: ${issue.message}`, ['input', ...issue.path.map(String)].join('.'));
    }
    const bureau = parsed.data;
    const others = (await this.registry.bureaus()).filter((candidate) => candidate.name !== bureau.name);
    const candidate = await this.candidate([...others, bureau]);
    const registryVersion = await this.registry.putBureau(bureau, person.id);
    return { registryVersion, ...(await this.supergraph.offerComposed(candidate, person.id)) };
  }

  async removeBureau(person: Person, name: string): Promise<{ registryVersion: number } & OfferResult> {
    const bureaus = await this.registry.bureaus();
    if (!bureaus.some((bureau) => bureau.name === name)) throw AdminError.badInput(`no bureau "${name}"`, 'name');
    const candidate = await this.candidate(bureaus.filter((bureau) => bureau.name !== name));
    let registryVersion: number;
    try {
      registryVersion = await this.registry.removeBureau(name, person.id);
    } catch (error) {
      if (error instanceof RegistryChangeError) throw AdminError.badInput(error.message, error.argument);
      throw error;
    }
    return { registryVersion, ...(await this.supergraph.offerComposed(candidate, person.id)) };
  }

  approve(person: Person, version: number): Promise<SupergraphVersionEntity> {
    return this.decided(() => this.store.approve(version, person.id));
  }

  reject(person: Person, version: number, reason: string): Promise<SupergraphVersionEntity> {
    if (reason.trim().length < 2) throw AdminError.badInput('give the reason for rejecting it', 'reason');
    return this.decided(() => this.store.reject(version, person.id, reason.trim()));
  }

  rollback(person: Person, toVersion: number): Promise<SupergraphVersionEntity> {
    return this.decided(() => this.store.rollback(toVersion, person.id, (active, target) => this.supergraph.checks(active, target)));
  }

  private async candidate(bureaus: BureauDefinition[]): Promise<Candidate> {
    if (bureaus.length === 0) throw AdminError.badInput('the gateway would federate no bureau', 'name');
    try {
      return await this.supergraph.compose(bureaus);
    } catch (error) {
      if (error instanceof CompositionError || error instanceof UnreachableBureausError) throw AdminError.badInput(`the supergraph would not compose: ${error.message}`, 'input');
      throw error;
    }
  }

  /** A decision, then this replica serves whatever is active (the others follow within a second). */
  private async decided(decide: () => Promise<SupergraphVersionEntity>): Promise<SupergraphVersionEntity> {
    let row: SupergraphVersionEntity;
    try {
      row = await decide();
    } catch (error) {
      if (error instanceof SupergraphDecisionError) throw error.forbidden ? AdminError.forbidden(error.message) : AdminError.badInput(error.message, error.argument);
      throw error;
    }
    await this.supergraph.follow();
    return row;
  }
}
