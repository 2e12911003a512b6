import { describe, expect, it } from '@jest/globals';
import type { Catalog } from '#catalog';
import { subjectKeyFields } from './subject-types.js';

/** A catalog of three entities: one with an ID-number key, one declared in policies, one neither. */
const catalog = {
  keyFields: (type: string) => ({ Person: ['idNumber'], Enterprise: ['creditCode'], Product: ['upc'] })[type] ?? [],
  get: (coordinate: string) => (coordinate === 'Person.idNumber' ? { pii: 'ID_NUMBER' } : { pii: null }),
} as unknown as Catalog;

describe('the types whose data is about a data subject', () => {
  it('are the declared ones and those keyed by personal information; no other entity is looked into', () => {
    expect(subjectKeyFields(catalog, ['Enterprise'], 'Enterprise')).toEqual(['creditCode']);
    expect(subjectKeyFields(catalog, [], 'Person')).toEqual(['idNumber']);
    expect(subjectKeyFields(catalog, [], 'Enterprise')).toEqual([]);
    expect(subjectKeyFields(catalog, ['Enterprise'], 'Product')).toEqual([]);
    expect(subjectKeyFields(catalog, ['Vaccination'], 'Vaccination')).toEqual([]);
  });
});
