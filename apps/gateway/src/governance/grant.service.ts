import { Inject, Injectable } from '@nestjs/common';
import { PII_KINDS, SHARING_MODES, type CatalogEntry, type CatalogFilter } from '#catalog';
import { CLOCK, type Clock } from '#config';
import type { Person } from '#identity';
import type { Grant } from '#policy';
import { AdminError } from '../admin/admin.error.js';
import { PolicyService } from '../policy/policy.service.js';
import { PolicyStore } from '../policy/policy.store.js';
import { mayManage, mayView } from './grant-rules.js';
import { GrantValidator } from './grant-validator.service.js';
import { grantsAt, type PolicyVersion } from '../policy/policy-history.js';

export interface GrantFilter {
  owner?: string | null;
  consumer?: string | null;
  expiringWithinDays?: number | null;
}

/**
 * The officers' work on grants (授权): read the catalog and the grants that
 * concern them, create, change, extend and revoke grants over their own
 * department's data, and (administrators) roll the policy back. Every change
 * is validated before it is saved, makes a new policy version (on every
 * replica within a second) and is recorded in the ledger with who, before
 * and after.
 */
@Injectable()
export class GrantService {
  constructor(
    private readonly policy: PolicyService,
    private readonly store: PolicyStore,
    private readonly validator: GrantValidator,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The catalog's entries matching `filter`; a level, PII kind or sharing mode the scheme does not have is refused, not an empty list. */
  catalog(filter: CatalogFilter): CatalogEntry[] {
    const catalog = this.validator.catalog();
    const known: Array<[keyof CatalogFilter, readonly string[]]> = [
      ['level', catalog.scheme.names],
      ['pii', PII_KINDS],
      ['sharing', SHARING_MODES],
    ];
    for (const [key, values] of known) {
      const value = filter[key];
      if (value && !values.includes(value)) throw AdminError.badInput(`unknown ${key} ${value}; one of ${values.join(', ')}`, `filter.${key}`);
    }
    return catalog.entries(filter);
  }

  async list(person: Person, filter: GrantFilter | null): Promise<Grant[]> {
    const days = filter?.expiringWithinDays;
    if (days !== null && days !== undefined && days < 0) throw AdminError.badInput('expiringWithinDays must not be negative', 'filter.expiringWithinDays');
    const now = this.clock.now();
    const horizon = days === null || days === undefined ? null : now + days * 86_400_000;
    const { grants } = await this.store.read();
    return grants
      .filter((grant) => mayView(person, grant))
      .filter((grant) => !filter?.owner || grant.owner === filter.owner)
      .filter((grant) => !filter?.consumer || grant.subject === filter.consumer || grant.subject.startsWith(`${filter.consumer}.`))
      .filter((grant) => horizon === null || (grant.validUntil !== null && Date.parse(grant.validUntil) > now && Date.parse(grant.validUntil) <= horizon));
  }

  /** Creates or replaces a grant over data the person manages; returns the new policy version, and what it leaves inconsistent. */
  async put(person: Person, input: unknown): Promise<{ version: number; grant: Grant; warnings: string[] }> {
    const grant = this.validator.check(input);
    const { grants } = await this.store.read();
    authorize(
      person,
      grant.owner,
      grants.find((candidate) => candidate.id === grant.id),
    );
    const version = await this.changed(this.store.put(grant, person.id));
    return { version, grant, warnings: this.validator.warnings(grant, this.policy.current()) };
  }

  /** Moves the end of a grant (to a later or earlier future instant). */
  async extend(person: Person, id: string, validUntil: string): Promise<{ version: number; grant: Grant }> {
    const existing = existingGrant((await this.store.read()).grants, id);
    const grant = this.validator.check({ ...existing, validUntil });
    authorize(person, grant.owner, existing);
    return { version: await this.changed(this.store.put(grant, person.id)), grant };
  }

  async revoke(person: Person, id: string): Promise<number> {
    const existing = existingGrant((await this.store.read()).grants, id);
    authorize(person, existing.owner, existing);
    return this.changed(this.store.revoke(id, person.id));
  }

  /** Policy versions, newest first, with what each changed (officers: only the changes that concern them). */
  async versions(person: Person, last: number): Promise<PolicyVersion[]> {
    if (last < 1 || last > 1000) throw AdminError.badInput('last must be between 1 and 1000', 'last');
    const visible = (value: unknown): unknown => {
      if (value === null || value === undefined) return null;
      if (Array.isArray(value)) return (value as Grant[]).filter((grant) => mayView(person, grant));
      return mayView(person, value as Grant) ? value : undefined;
    };
    return (await this.policy.history())
      .map((step) => ({ ...step, before: visible(step.before), after: visible(step.after) }))
      .filter((step) => step.before !== undefined && step.after !== undefined && !(step.before === null && step.after === null && step.action !== 'revoke'))
      .reverse()
      .slice(0, last);
  }

  /** Restores the grants of an earlier version, as a new version (it spans every department). */
  /**
   * Restores the grants of an earlier version as a new version. An
   * administrator restores every department's; an officer only their own
   * department's grants (those over the data it owns), leaving every other
   * department's grants as they are now.
   */
  async rollback(person: Person, toVersion: number): Promise<number> {
    const earlier = grantsAt(await this.policy.history(), toVersion);
    if (!earlier) throw AdminError.badInput(`no policy version ${toVersion} in the history`, 'toVersion');
    if (person.roles.includes('administrator')) return this.restored(this.store.replaceAll(earlier, person.id, `version:${toVersion}`), toVersion);
    const department = person.roles.includes('officer') ? person.department : null;
    if (!department) throw AdminError.forbidden('Only administrators and officers roll grants back.');
    const others = (await this.store.read()).grants.filter((grant) => grant.owner !== department);
    const taken = new Set(others.map((grant) => grant.id));
    const own = earlier.filter((grant) => grant.owner === department && !taken.has(grant.id));
    return this.restored(this.store.replaceAll([...others, ...own], person.id, `version:${toVersion} owner:${department}`), toVersion);
  }

  /** A rollback's new version; one that would change nothing makes none and is refused, so the history shows only changes. */
  private async restored(saving: Promise<number | null>, toVersion: number): Promise<number> {
    const version = await saving;
    if (version === null) throw AdminError.badInput(`the grants in force already are those of version ${toVersion} (those you may roll back): nothing to roll back`, 'toVersion');
    await this.policy.refresh();
    return version;
  }

  /** A saved change takes effect on this replica before the answer (others follow within their poll). */
  private async changed(saving: Promise<number>): Promise<number> {
    const version = await saving;
    await this.policy.refresh();
    return version;
  }
}

/** The person must manage the data the grant is about, and the data of the grant it replaces (if any). */
export function authorize(person: Person, owner: string, replaced: Grant | undefined): void {
  if (!mayManage(person, owner)) throw AdminError.forbidden(`Only ${owner}'s officers or an administrator may grant access to ${owner}'s data.`);
  if (replaced && !mayManage(person, replaced.owner)) throw AdminError.forbidden(`Grant "${replaced.id}" is over ${replaced.owner}'s data.`);
}

export function existingGrant(grants: readonly Grant[], id: string): Grant {
  const grant = grants.find((candidate) => candidate.id === id);
  if (!grant) throw AdminError.badInput(`no grant "${id}"`, 'id');
  return grant;
}
