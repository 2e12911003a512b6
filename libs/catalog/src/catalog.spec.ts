import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '#config';
import { composeSupergraph } from '#supergraph';
import { catalogChanges } from './catalog-changes.js';
import { Catalog, UNKNOWN_OWNER } from './catalog.js';
import { loadClassificationScheme, parseClassificationScheme } from './classification-scheme.js';
import { governedTypeDefs } from './governance.directives.js';
import { formatCatalogTable } from './catalog-table.js';

const scheme = loadClassificationScheme(join(projectRoot(), 'policies', 'classification.yaml'));
const demo = ['public-security', 'civil-affairs', 'health', 'market-regulation'];

function demoSupergraph(): string {
  return composeSupergraph(
    demo.map((name, i) => ({
      name,
      url: `http://127.0.0.1:${4001 + i}/graphql`,
      sdl: governedTypeDefs(readFileSync(join(projectRoot(), 'apps', name, 'src', 'schema.graphql'), 'utf8')),
    })),
  );
}

function supergraphOf(subgraphs: Record<string, string>): string {
  return composeSupergraph(Object.entries(subgraphs).map(([name, sdl]) => ({ name, url: `http://${name}.test/graphql`, sdl: governedTypeDefs(sdl) })));
}

describe('governance directives', () => {
  it('survive composition into the supergraph', () => {
    const sdl = demoSupergraph();
    expect(sdl).toContain('directive @classification(level: String!) on OBJECT | FIELD_DEFINITION');
    expect(sdl).toMatch(/chronicConditions: \[String!\] @join__field\(graph: HEALTH\) @classification\(level: "CORE"\) @pii\(kind: HEALTH\) @sharing\(mode: NONE\)/);
  });

  it('refuse, at composition, a PII kind outside the vocabulary', () => {
    expect(() => supergraphOf({ a: 'type Query { x: String @pii(kind: SHOE_SIZE) }' })).toThrow(/Invalid value for "@pii\(kind:\)"/);
  });

  it('read a hand-edited PII kind in a supergraph file as OTHER, and report it', () => {
    const edited = demoSupergraph().replace('@pii(kind: PHONE)', '@pii(kind: SHOE_SIZE)');
    const catalog = Catalog.fromSupergraph(edited, scheme);
    expect(catalog.get('Person.phone')?.pii).toBe('OTHER');
    expect(catalog.problems).toEqual([{ coordinate: 'Person.phone', message: 'unknown PII kind "SHOE_SIZE"; treated as OTHER' }]);
  });
});

describe('Catalog from the demo supergraph', () => {
  const catalog = Catalog.fromSupergraph(demoSupergraph(), scheme);

  it('lists every field of every bureau', () => {
    expect(catalog.bureaus.map((b) => b.name).sort()).toEqual([...demo].sort());
    expect(catalog.owners()).toEqual([...demo].sort());
    expect(catalog.size).toBeGreaterThan(40);
    expect(catalog.problems).toEqual([]);
  });

  it('gives each field to the bureau that resolves it', () => {
    expect(catalog.get('Person.name')?.owner).toBe('public-security');
    expect(catalog.get('Person.maritalStatus')?.owner).toBe('civil-affairs');
    expect(catalog.get('Person.chronicConditions')?.owner).toBe('health');
    expect(catalog.get('Person.representedEnterprises')?.owner).toBe('market-regulation');
    expect(catalog.get('Enterprise.legalRepresentative')?.owner).toBe('market-regulation');
    expect(catalog.get('Query.person')?.owner).toBe('public-security');
    expect(catalog.get('Query.enterprises')?.owner).toBe('market-regulation');
  });

  it('gives key fields to the entity origin although every extending bureau resolves them', () => {
    const idNumber = catalog.get('Person.idNumber')!;
    expect(idNumber.key).toBe(true);
    expect(idNumber.owner).toBe('public-security');
    expect(idNumber.resolvers).toEqual([...demo].sort());
    expect(idNumber).toMatchObject({ level: 'SENSITIVE', pii: 'ID_NUMBER', sharing: 'UNCONDITIONAL' });
  });

  it('reads field labels, then type labels, then the default', () => {
    expect(catalog.get('Person.chronicConditions')).toMatchObject({ level: 'CORE', levelSource: 'field', pii: 'HEALTH', sharing: 'NONE' });
    expect(catalog.get('Enterprise.name')).toMatchObject({ level: 'PUBLIC', levelSource: 'type', sharing: 'UNCONDITIONAL', sharingSource: 'type' });
    expect(catalog.get('Vaccination.vaccine')).toMatchObject({ level: 'INTERNAL', levelSource: 'default', sharing: 'CONDITIONAL', sharingSource: 'default' });
  });

  it('carries schema descriptions', () => {
    expect(catalog.get('Person.householdAddress')?.description).toBe('Registered household address (户籍地址).');
  });

  it('filters by owner, level, PII kind, sharing mode and text', () => {
    expect(catalog.entries({ owner: 'health' }).every((e) => e.owner === 'health')).toBe(true);
    expect(catalog.entries({ level: 'CORE' }).map((e) => e.coordinate)).toEqual(['Person.chronicConditions']);
    expect(catalog.entries({ pii: 'PHONE' }).map((e) => e.coordinate)).toEqual(['Person.phone']);
    expect(catalog.entries({ sharing: 'NONE' }).map((e) => e.coordinate)).toEqual(['Person.chronicConditions']);
    expect(catalog.entries({ text: '户籍' }).map((e) => e.coordinate)).toContain('Person.householdAddress');
  });

  it('answers for an unknown field with the strictest stand-in, never PUBLIC', () => {
    const unknown = catalog.lookup('Person', 'secretField');
    expect(unknown).toMatchObject({ owner: UNKNOWN_OWNER, level: 'CORE', sharing: 'NONE' });
  });

  it('prints a table with one row per field and marks defaulted levels', () => {
    const table = formatCatalogTable(catalog.entries({ owner: 'health' }));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^FIELD\s+OWNER\s+LEVEL\s+PII\s+SHARING\s+DESCRIPTION$/);
    expect(lines).toHaveLength(catalog.entries({ owner: 'health' }).length + 1);
    expect(table).toMatch(/Vaccination\.dose\s+health\s+INTERNAL\*/);
  });
});

describe('Catalog edge cases', () => {
  const shared = (typeLabels: string) =>
    supergraphOf({
      registry: `type Query { thing(id: ID!): Thing } type Thing @key(fields: "id") ${typeLabels} { id: ID! @classification(level: "SENSITIVE") label: String }`,
      extra: 'extend type Thing @key(fields: "id") { id: ID! secret: String }',
    });

  it('lets a type label on an entity several bureaus share only raise unlabelled fields above the default', () => {
    const lax = Catalog.fromSupergraph(shared('@classification(level: "PUBLIC") @sharing(mode: UNCONDITIONAL)'), scheme);
    expect(lax.get('Thing.label')).toMatchObject({ owner: 'registry', level: 'INTERNAL', levelSource: 'default', sharing: 'CONDITIONAL' });
    expect(lax.get('Thing.secret')).toMatchObject({ owner: 'extra', level: 'INTERNAL', levelSource: 'default', sharing: 'CONDITIONAL' });

    const strict = Catalog.fromSupergraph(shared('@classification(level: "CORE") @sharing(mode: NONE)'), scheme);
    expect(strict.get('Thing.secret')).toMatchObject({ level: 'CORE', levelSource: 'type', sharing: 'NONE' });
    expect(strict.get('Thing.id')).toMatchObject({ owner: 'registry', level: 'SENSITIVE', levelSource: 'field' });
  });

  it('refuses to compose when two bureaus label the same field differently', () => {
    expect(() =>
      supergraphOf({
        registry: 'type Query { thing(id: ID!): Thing } type Thing @key(fields: "id") { id: ID! @classification(level: "SENSITIVE") }',
        extra: 'extend type Thing @key(fields: "id") { id: ID! @classification(level: "PUBLIC") note: String }',
      }),
    ).toThrow(/conflicting governance labels: .*@classification.*"Thing.id"/);
  });

  it('gives an entity several bureaus define (without extend) to nobody until its owner is declared', () => {
    const sdl = supergraphOf({
      registry: 'type Query { thing(id: ID!): Thing } type Thing @key(fields: "id") { id: ID! label: String }',
      extra: 'type Thing @key(fields: "id") { id: ID! secret: String }',
    });
    const undeclared = Catalog.fromSupergraph(sdl, scheme);
    expect(undeclared.get('Thing.id')?.owner).toBe(UNKNOWN_OWNER);
    expect(undeclared.get('Thing.secret')?.owner).toBe('extra');
    expect(undeclared.problems[0]).toEqual({ coordinate: 'Thing', message: expect.stringContaining('declare its owner in policies/ownership.yaml') });

    const declared = Catalog.fromSupergraph(sdl, scheme, { Thing: 'registry' });
    expect(declared.get('Thing.id')?.owner).toBe('registry');
    expect(declared.problems).toEqual([]);

    const wrong = Catalog.fromSupergraph(sdl, scheme, { Thing: 'tax' });
    expect(wrong.get('Thing.id')?.owner).toBe(UNKNOWN_OWNER);
  });

  it('treats an unknown level as stricter than every known level and reports it', () => {
    const catalog = Catalog.fromSupergraph(supergraphOf({ a: 'type Query { x: String @classification(level: "TOP_SECRET") }' }), scheme);
    const entry = catalog.get('Query.x')!;
    expect(entry.level).toBe('TOP_SECRET');
    expect(entry.levelRank).toBeGreaterThan(scheme.rank('CORE'));
    expect(catalog.problems).toEqual([{ coordinate: 'Query.x', message: expect.stringContaining('unknown classification level "TOP_SECRET"') }]);
  });

  it('uses the configured default level for unlabelled fields', () => {
    const strict = parseClassificationScheme('levels: [{name: OPEN}, {name: RESTRICTED}, {name: SECRET}]\ndefaultLevel: SECRET\ndefaultSharing: NONE\n');
    const catalog = Catalog.fromSupergraph(supergraphOf({ a: 'type Query { x: String }' }), strict);
    expect(catalog.get('Query.x')).toMatchObject({ level: 'SECRET', sharing: 'NONE', levelSource: 'default' });
  });

  it('gives a field an @interfaceObject adds to the subgraph that resolves it, on every implementing type', () => {
    const catalog = Catalog.fromSupergraph(
      supergraphOf({
        shops:
          'type Query { sellers: [Seller!]! } interface Seller @key(fields: "id") { id: ID! title: String } type Shop implements Seller @key(fields: "id") { id: ID! title: String street: String }',
        ratings: 'type Seller @key(fields: "id") @federation__interfaceObject { id: ID! rating: Int @classification(level: "SENSITIVE") }',
      }),
      scheme,
    );
    expect(catalog.get('Shop.rating')).toMatchObject({ owner: 'ratings', resolvers: ['ratings'], level: 'SENSITIVE' });
    expect(catalog.get('Shop.street')).toMatchObject({ owner: 'shops' });
    // The interface is the shops bureau's: the @interfaceObject only stands in for it.
    expect(catalog.get('Shop.id')).toMatchObject({ owner: 'shops', key: true });
    // Its fields are decided on Shop, so the interface's own are not listed.
    expect(catalog.get('Seller.rating')).toBeUndefined();
    expect(catalog.problems).toEqual([]);
  });

  it('lists the fields of an interface no object type implements, owned as those of an object type', () => {
    const catalog = Catalog.fromSupergraph(
      supergraphOf({
        a: 'type Query { things: [Thing!]! } interface Thing @key(fields: "id") { id: ID! name: String }',
        b: 'type Query { more: [Thing!]! } type Thing @key(fields: "id") @federation__interfaceObject { id: ID! extra: String @classification(level: "PUBLIC") }',
      }),
      scheme,
    );
    expect(catalog.get('Thing.id')).toMatchObject({ owner: 'a', key: true });
    expect(catalog.get('Thing.name')).toMatchObject({ owner: 'a' });
    expect(catalog.get('Thing.extra')).toMatchObject({ owner: 'b', level: 'PUBLIC' });
    expect(catalog.problems).toEqual([]);
  });

  it('refuses SDL that is not a supergraph', () => {
    expect(() => Catalog.fromSupergraph('type Query { x: String }', scheme)).toThrow(/Not a supergraph/);
  });
});

describe('catalogChanges', () => {
  const before = Catalog.fromSupergraph(
    supergraphOf({
      registry:
        'type Query { thing(id: ID!): Thing } type Thing @key(fields: "id") { id: ID! secret: String @classification(level: "CORE") @pii(kind: PHONE) @sharing(mode: NONE) label: String @classification(level: "PUBLIC") @sharing(mode: UNCONDITIONAL) }',
    }),
    scheme,
  );

  it('names every change that releases data more widely, and nothing else as such', () => {
    const after = Catalog.fromSupergraph(
      supergraphOf({
        registry:
          'type Query { thing(id: ID!): Thing } type Thing @key(fields: "id") { id: ID! secret: String @classification(level: "SENSITIVE") @sharing(mode: CONDITIONAL) label: String @classification(level: "INTERNAL") @sharing(mode: UNCONDITIONAL) note: String }',
      }),
      scheme,
    );
    expect(catalogChanges(before, after)).toEqual({
      loosened: ['Thing.secret: level lowered from CORE to SENSITIVE', 'Thing.secret: sharing loosened from NONE to CONDITIONAL', 'Thing.secret: PII kind PHONE removed'],
      unlabelled: ['Thing.note'],
      added: ['Thing.note'],
      removed: [],
    });
    // Thing.label became stricter (PUBLIC to INTERNAL), so it is not listed; the other way round it is.
    expect(catalogChanges(after, before).loosened).toEqual(['Thing.label: level lowered from INTERNAL to PUBLIC']);
    expect(catalogChanges(before, before)).toEqual({ loosened: [], unlabelled: [], added: [], removed: [] });
  });

  it('reports a field moved to another bureau as an owner change', () => {
    const moved = Catalog.fromSupergraph(
      supergraphOf({
        registry: 'type Query { thing(id: ID!): Thing } type Thing @key(fields: "id") { id: ID! label: String @classification(level: "PUBLIC") @sharing(mode: UNCONDITIONAL) }',
        other: 'type Thing @key(fields: "id") { id: ID! secret: String @classification(level: "CORE") @pii(kind: PHONE) @sharing(mode: NONE) }',
      }),
      scheme,
      { Thing: 'registry' },
    );
    expect(catalogChanges(before, moved).loosened).toEqual(['Thing.secret: owner changed from registry to other']);
  });
});
