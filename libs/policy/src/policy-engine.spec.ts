import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bureauSchemaFile } from '#bureau-kit';
import { Catalog, governedTypeDefs, loadGovernancePolicies } from '#catalog';
import { demoBureauEndpoints, projectRoot } from '#config';
import { composeSupergraph } from '#supergraph';
import type { DecisionSubject } from './field-decision.js';
import { parseGrant, type GrantInput } from './grant.js';
import { PolicyEngine } from './policy-engine.js';
import { readSeedGrants } from './seed-grants.js';

const policiesDir = join(projectRoot(), 'policies');
const policies = loadGovernancePolicies(policiesDir);
const levels = policies.scheme.levels.map((level) => level.name);
const model = readFileSync(join(policiesDir, 'model.conf'), 'utf8');
const catalog = Catalog.fromSupergraph(
  composeSupergraph(demoBureauEndpoints().map(({ name, url }) => ({ name, url, sdl: governedTypeDefs(readFileSync(bureauSchemaFile(name), 'utf8')) }))),
  policies.scheme,
  policies.entityOwners,
);

const SUBSIDY: DecisionSubject = { system: 'civil-affairs.subsidy-review', department: 'civil-affairs', clearance: 'SENSITIVE', purpose: 'subsidy-eligibility' };
const OUTREACH: DecisionSubject = { system: 'health.vaccination-outreach', department: 'health', clearance: 'SENSITIVE', purpose: 'vaccination-outreach' };
const HOUSEHOLD: DecisionSubject = { system: 'public-security.household-registry', department: 'public-security', clearance: 'SENSITIVE', purpose: 'household-administration' };
const LICENSING: DecisionSubject = { system: 'market-regulation.licensing', department: 'market-regulation', clearance: 'INTERNAL', purpose: 'business-licensing' };

let engine: PolicyEngine;
beforeAll(async () => {
  engine = await PolicyEngine.build({ grants: readSeedGrants(policiesDir, levels), model, scheme: policies.scheme, version: 7 });
});

function decide(subject: DecisionSubject, coordinate: string, now?: number) {
  const [type, field] = coordinate.split('.') as [string, string];
  return engine.decide(subject, catalog.lookup(type, field), now);
}

describe('decisions over the demo policies', () => {
  // [case, subject, coordinate, allowed, mask, deciding rule]
  const table: Array<[string, DecisionSubject, string, boolean, string | null, string]> = [
    ['own department, in clear', HOUSEHOLD, 'Person.phone', true, null, 'rule:own-department'],
    ['own department, core data', { ...OUTREACH, clearance: 'CORE' }, 'Person.chronicConditions', true, null, 'rule:own-department'],
    ['unconditional, default PII mask', OUTREACH, 'Person.name', true, 'NAME', 'rule:sharing-unconditional'],
    ['unconditional, no PII', LICENSING, 'Person.gender', true, null, 'rule:sharing-unconditional'],
    ['unconditional, masked ID number', OUTREACH, 'Person.idNumber', true, 'ID_NUMBER', 'rule:sharing-unconditional'],
    ['conditional with a department grant', SUBSIDY, 'Person.householdAddress', true, 'ADDRESS', 'grant:ps-civil-person'],
    ['a system grant lifts the default mask', SUBSIDY, 'Person.idNumber', true, null, 'grant:ps-subsidy-id-clear'],
    ['conditional without a grant', OUTREACH, 'Person.maritalStatus', false, null, 'rule:sharing-conditional'],
    ['conditional, grant expired', OUTREACH, 'Person.householdAddress', false, null, 'rule:sharing-conditional'],
    ['conditional, grant for another purpose', { ...SUBSIDY, purpose: 'household-administration' }, 'Person.householdAddress', false, null, 'rule:sharing-conditional'],
    ['clearance below the level, whatever the grants', { ...SUBSIDY, clearance: 'INTERNAL' }, 'Person.householdAddress', false, null, 'rule:clearance'],
    ['clearance below the level, unconditional', LICENSING, 'Person.name', false, null, 'rule:clearance'],
    ['sharing NONE never leaves the owner', { ...SUBSIDY, clearance: 'CORE' }, 'Person.chronicConditions', false, null, 'rule:sharing-none'],
    ['explicit deny beats an allow', SUBSIDY, 'Person.phone', false, null, 'grant:ps-civil-no-phone'],
    ['system grant with clear', OUTREACH, 'Person.phone', true, null, 'grant:ps-outreach-phone'],
    ['unknown field: no owner', SUBSIDY, 'Person.secretNotes', false, null, 'rule:unknown-owner'],
  ];
  it.each(table)('%s', (_case, subject, coordinate, allowed, mask, rule) => {
    const decision = decide(subject, coordinate);
    expect({ allowed: decision.allowed, mask: decision.mask, rules: decision.rules, version: decision.policyVersion }).toEqual({
      allowed,
      mask,
      rules: [rule],
      version: 7,
    });
  });

  it('stops serving when a time-limited grant expires, even from the cache', () => {
    const before = Date.parse('2028-06-30T00:00:00+08:00');
    expect(decide(OUTREACH, 'Person.phone', before).allowed).toBe(true);
    expect(decide(OUTREACH, 'Person.phone', Date.parse('2028-07-01T00:00:00+08:00'))).toMatchObject({ allowed: false, rules: ['rule:sharing-conditional'] });
  });
});

describe('grants', () => {
  const base: GrantInput = { id: 'g1', subject: 'health', owner: 'public-security', target: 'Person.phone', maxLevel: 'SENSITIVE', purpose: '*', effect: 'allow' };

  it('are validated: targets, levels, purposes, obligations', () => {
    expect(parseGrant(base, levels)).toMatchObject({ validUntil: null, obligations: [], basis: null });
    for (const bad of [
      { target: 'Person.phone || true' },
      { target: '.*' },
      { target: 'pii:SHOE_SIZE' },
      { maxLevel: 'TOP_SECRET' },
      { target: 'level:TOP_SECRET' },
      { purpose: 'any purpose' },
      { obligations: ['eval(process.exit())'] },
      { effect: 'deny', obligations: ['clear'] },
      { validUntil: 'next year' },
    ]) {
      expect(() => parseGrant({ ...base, ...bad }, levels)).toThrow(/grant g1/);
    }
  });

  it('compare levels by rank, not as strings', async () => {
    // As strings "INTERNAL" < "PUBLIC"; by rank PUBLIC is the lowest. A grant up to PUBLIC must not cover an INTERNAL field.
    const grant = { ...base, subject: 'civil-affairs', owner: 'health', target: 'Vaccination.*' };
    const upTo = (maxLevel: string) => PolicyEngine.build({ grants: [parseGrant({ ...grant, maxLevel }, levels)], model, scheme: policies.scheme, version: 1 });
    const vaccine = catalog.lookup('Vaccination', 'vaccine');
    expect(vaccine.level).toBe('INTERNAL');
    expect((await upTo('PUBLIC')).decide(SUBSIDY, vaccine).allowed).toBe(false);
    expect((await upTo('INTERNAL')).decide(SUBSIDY, vaccine).allowed).toBe(true);
  });

  it('match tags: a PII kind or a level', async () => {
    const tagged = await PolicyEngine.build({
      grants: [
        parseGrant({ ...base, owner: 'civil-affairs', target: 'pii:FINANCIAL', maxLevel: 'SENSITIVE' }, levels),
        parseGrant({ ...base, id: 'g2', owner: 'civil-affairs', target: 'level:SENSITIVE', effect: 'deny', maxLevel: 'CORE', purpose: 'vaccination-outreach' }, levels),
      ],
      model,
      scheme: policies.scheme,
      version: 1,
    });
    expect(tagged.decide({ ...OUTREACH, purpose: 'other' }, catalog.lookup('SubsistenceAllowance', 'monthlyAmount')).rules).toEqual(['grant:g1']);
    expect(tagged.decide(OUTREACH, catalog.lookup('SubsistenceAllowance', 'monthlyAmount')).rules).toEqual(['grant:g2']);
  });

  it('let the most specific allow decide, and any deny beat every allow', async () => {
    const grants = (extra: GrantInput[]) =>
      PolicyEngine.build({
        grants: [
          parseGrant({ ...base, id: 'wide', subject: 'health', target: 'Person.*', obligations: ['mask:REDACT'] }, levels),
          parseGrant({ ...base, id: 'narrow', subject: 'health', target: 'Person.phone', purpose: 'vaccination-outreach', obligations: ['clear'] }, levels),
          ...extra.map((grant) => parseGrant(grant, levels)),
        ],
        model,
        scheme: policies.scheme,
        version: 1,
      });
    const phone = catalog.lookup('Person', 'phone');
    const plain = await grants([]);
    expect(plain.decide(OUTREACH, phone)).toMatchObject({ allowed: true, mask: null, rules: ['grant:narrow'] });
    expect(plain.decide({ ...OUTREACH, purpose: 'other' }, phone)).toMatchObject({ allowed: true, mask: 'REDACT', rules: ['grant:wide'] });
    const denied = await grants([{ ...base, id: 'no-pii', subject: 'health', target: 'pii:PHONE', maxLevel: 'CORE', effect: 'deny' }]);
    expect(denied.decide(OUTREACH, phone)).toMatchObject({ allowed: false, denial: 'DENIED_BY_GRANT', rules: ['grant:no-pii'] });
  });

  it('refuse a model whose token layout the engine does not know', async () => {
    await expect(PolicyEngine.build({ grants: [], model: model.replace('r = field, tags', 'r = sub, tags'), scheme: policies.scheme, version: 1 })).rejects.toThrow(/model.conf/);
  });
});
