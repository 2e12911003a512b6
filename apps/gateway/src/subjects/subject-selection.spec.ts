import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, print } from 'graphql';
import { takeSubjects, withSubjectKeys } from './subject-selection.js';

const schema = buildSchema(`
  type Query { person(idNumber: ID!): Person, enterprise(creditCode: ID!): Enterprise, parties: [Party!]!, count: Int }
  interface Party { name: String }
  type Person implements Party { idNumber: ID!, name: String, phone: String, enterprises: [Enterprise!]! }
  type Enterprise implements Party { creditCode: ID!, name: String, legalRepresentative: Person! }
`);
const keys: Record<string, string[]> = { Person: ['idNumber'], Enterprise: ['creditCode'] };
const keyFields = (type: string) => keys[type] ?? [];

describe('the keys added to learn whom an answer is about', () => {
  it('reach every entity: nested, in lists, in fragments and behind an interface; nothing else', () => {
    const document = parse(`
      query ($id: ID!) {
        who: person(idNumber: $id) { n: name enterprises { ...E } }
        parties { name }
        count
      }
      fragment E on Enterprise { legalRepresentative { phone } }`);
    const selection = withSubjectKeys(schema, document, keyFields)!;
    expect([...selection.aliases.values()].sort((a, b) => a.typeName.localeCompare(b.typeName))).toEqual([
      { typeName: 'Enterprise', fieldName: 'creditCode' },
      { typeName: 'Person', fieldName: 'idNumber' },
    ]);
    const [p, e] = ['Person', 'Enterprise'].map((type) => [...selection.aliases].find(([, alias]) => alias.typeName === type)![0]);
    expect(p).toMatch(/^_causewaySubject\d$/);
    const printed = print(selection.document).replace(/\s+/g, ' ');
    expect(printed).toContain(`who: person(idNumber: $id) { n: name enterprises { ...E ${e}: creditCode } ${p}: idNumber }`);
    expect(printed).toContain(`parties { name ... on Person { ${p}: idNumber } ... on Enterprise { ${e}: creditCode } }`);
    expect(printed).toContain(`fragment E on Enterprise { legalRepresentative { phone ${p}: idNumber } ${e}: creditCode }`);
    // The caller's document is not changed.
    expect(print(document)).not.toContain('_causeway');
  });

  it('are none for an operation that reaches no entity', () => {
    expect(withSubjectKeys(schema, parse('{ count }'), keyFields)).toBeNull();
  });

  it('are taken out of the answer, with errors about them; subjects are those with a field of the caller served', () => {
    const result = {
      data: {
        who: { n: 'Zhang San', _causewaySubject0: '110105197706270614', enterprises: [{ legalRepresentative: { phone: null, _causewaySubject0: '2' }, _causewaySubject1: '9111' }] },
        parties: [
          { name: 'X', _causewaySubject1: '9222' },
          { __typename: 'Person', _causewaySubject0: '3' },
        ],
      },
      errors: [{ path: ['parties', 1, '_causewaySubject0'] }, { path: ['who', 'enterprises', 0, 'legalRepresentative', 'phone'] }],
    };
    const aliases = new Map([
      ['_causewaySubject0', { typeName: 'Person', fieldName: 'idNumber' }],
      ['_causewaySubject1', { typeName: 'Enterprise', fieldName: 'creditCode' }],
    ]);
    const found = takeSubjects(result, aliases);
    // The legal representative's phone was null and the second party had only its type name: nothing about them was released.
    expect(found).toEqual([
      { typeName: 'Person', key: '110105197706270614', path: ['who'], servedKeys: ['n', 'enterprises'] },
      { typeName: 'Enterprise', key: '9111', path: ['who', 'enterprises'], servedKeys: ['legalRepresentative'] },
      { typeName: 'Enterprise', key: '9222', path: ['parties'], servedKeys: ['name'] },
    ]);
    expect(JSON.stringify(result)).not.toContain('_causewaySubject');
    expect(result.errors).toEqual([{ path: ['who', 'enterprises', 0, 'legalRepresentative', 'phone'] }]);
  });
});
