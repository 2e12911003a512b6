import { describe, expect, it } from '@jest/globals';
import { newEnforcer, newModelFromString } from 'casbin';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClassificationScheme } from '#catalog';
import { projectRoot } from '#config';
import { seededRandom } from '#demo-data';
import { assertCasbinAgrees, casbinRow, type BuiltPartition } from './casbin-agreement.js';
import type { Grant } from './grant.js';
import { GrantPartition } from './grant-partition.js';
import { PolicyEngine } from './policy-engine.js';

const model = readFileSync(join(projectRoot(), 'policies', 'model.conf'), 'utf8');
const LEVELS = ['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'];
const scheme = new ClassificationScheme(
  LEVELS.map((name, rank) => ({ name, rank, description: name })),
  'INTERNAL',
  'CONDITIONAL',
);
const T0 = Date.parse('2026-06-01T00:00:00Z');
const HOUR = 3_600_000;

function grant(id: string, maxLevel: string, effect: 'allow' | 'deny', until: number | null): Grant {
  return {
    id,
    subject: 'health',
    owner: 'public-security',
    target: 'Person.phone',
    maxLevel,
    purpose: '*',
    validUntil: until === null ? null : new Date(until).toISOString(),
    effect,
    obligations: [],
    basis: null,
    dailyLimit: null,
    duties: [],
  };
}

function partitionOf(grants: Grant[]): BuiltPartition {
  const index = GrantPartition.of(
    grants.map((g, position) => ({
      grant: position,
      maxRank: scheme.ranks.get(g.maxLevel) ?? -1,
      until: g.validUntil ? Date.parse(g.validUntil) : Infinity,
      effect: g.effect,
    })),
  );
  return { target: 'Person.phone', purpose: '*', grants, index };
}

const functions = {
  fieldMatch: (field: string, _tags: string, target: string) => field === target,
  levelWithin: (rank: number, maxLevel: string) => rank <= (scheme.ranks.get(maxLevel) ?? -1),
  validAt: (until: string, now: number) => until === '' || Number(until) > now,
};

describe('a grant partition', () => {
  it('names the first valid deny covering the rank, else the last valid allow covering it', () => {
    const built = partitionOf([
      grant('a1', 'SENSITIVE', 'allow', null),
      grant('d1', 'INTERNAL', 'deny', T0 + HOUR),
      grant('a2', 'CORE', 'allow', T0 + 2 * HOUR),
      grant('d2', 'PUBLIC', 'deny', null),
    ]);
    const at = (rank: number, now: number) => {
      const match = built.index.decisive(rank, now);
      return match ? `${match.effect}:${built.grants[match.grant]!.id}` : null;
    };
    expect(at(0, T0)).toBe('deny:d1');
    expect(at(0, T0 + HOUR)).toBe('deny:d2'); // d1 has ended
    expect(at(1, T0 + HOUR)).toBe('allow:a2'); // d2 covers PUBLIC only
    expect(at(2, T0 + 2 * HOUR)).toBe('allow:a1'); // a2 has ended
    expect(at(3, T0)).toBe('allow:a2');
    expect(at(3, T0 + 2 * HOUR)).toBeNull();
    expect(at(4, T0)).toBeNull(); // above every level
  });

  it('agrees with a Casbin enforcer on the model for random partitions, at every rank and instant', async () => {
    const next = seededRandom(5);
    const instants = [T0 - 1, T0, T0 + HOUR - 1, T0 + HOUR, T0 + 3 * HOUR];
    for (let trial = 0; trial < 60; trial++) {
      const size = 1 + Math.floor(next() * 12);
      const grants = Array.from({ length: size }, (_, i) => {
        const roll = next();
        const until = roll < 0.4 ? null : T0 + Math.floor(next() * 4) * HOUR;
        return grant(`g${i}`, LEVELS[Math.floor(next() * LEVELS.length)]!, next() < 0.25 ? 'deny' : 'allow', until);
      });
      const built = partitionOf(grants);
      const enforcer = await newEnforcer(newModelFromString(model));
      for (const [name, fn] of Object.entries(functions)) await enforcer.addFunction(name, fn);
      enforcer.getModel().addPolicies('p', 'p', grants.map(casbinRow));
      for (const at of instants) {
        for (const rank of [0, 1, 2, 3, 4]) {
          const [allowed, explain] = enforcer.enforceExSync('Person.phone', 'level:CORE', rank, 'any-purpose', at);
          const match = built.index.decisive(rank, at);
          expect({ effect: match?.effect ?? 'none', grant: match ? built.grants[match.grant]!.id : undefined }).toEqual({
            effect: explain.length ? (allowed ? 'allow' : 'deny') : 'none',
            grant: explain[0],
          });
        }
        // The build's own check asks only the ranks where the answer can change, and agrees.
        await expect(assertCasbinAgrees({ model, functions, partitions: [built], at })).resolves.toBeUndefined();
      }
    }
  });

  it('fails the build when the model no longer means what the index encodes', async () => {
    const grants = [grant('a1', 'PUBLIC', 'allow', null)];
    // A matcher without the level term: Casbin would let a PUBLIC grant cover CORE fields.
    const loosened = model.replace(/&& levelWithin\(r\.rank, p\.maxlevel\) /, '');
    expect(loosened).not.toBe(model);
    await expect(PolicyEngine.build({ grants, model: loosened, scheme, version: 1, checkedAt: T0 })).rejects.toThrow(/was the matcher of policies\/model.conf changed/);
    await expect(PolicyEngine.build({ grants, model, scheme, version: 1, checkedAt: T0 })).resolves.toBeInstanceOf(PolicyEngine);
  });

  it('gives the event loop back while a large policy is built', async () => {
    const grants = Array.from({ length: 5000 }, (_, i) => ({ ...grant(`g${i}`, 'CORE', 'allow', null), subject: `dept-${i}` }));
    const order: string[] = [];
    const timer = setTimeout(() => order.push('timer'), 0);
    await PolicyEngine.build({ grants, model, scheme, version: 1, checkedAt: T0 }).then(() => order.push('built'));
    clearTimeout(timer);
    expect(order).toEqual(['timer', 'built']);
  });
});
