import { describe, expect, it } from '@jest/globals';
import { coordinateNeedle, gradeOf, packFields, unpackFields, type ListedField } from './field-list.js';

const FIELDS: ListedField[] = [
  { coordinate: 'Person.name', levelRank: 2, outcome: 'masked' },
  { coordinate: 'Person.phone', levelRank: 2, outcome: 'denied' },
  { coordinate: 'Person.household_address', levelRank: 3, outcome: 'served' },
];

describe('an owner’s field list', () => {
  it('reads back what it wrote, in order', () => {
    expect(packFields(FIELDS)).toBe('Person.name 2 masked,Person.phone 2 denied,Person.household_address 3 served');
    expect(unpackFields(packFields(FIELDS))).toEqual(FIELDS);
  });

  it('escapes whatever could be taken for a separator, and reads it back', () => {
    const odd: ListedField[] = [{ coordinate: 'Person.a b,c%d 名', levelRank: 0, outcome: 'served' }, FIELDS[0]!];
    expect(packFields(odd)).toBe('Person.a%20b%2Cc%25d%20%E5%90%8D 0 served,Person.name 2 masked');
    expect(unpackFields(packFields(odd))).toEqual(odd);
  });

  it('finds a coordinate only as a whole coordinate', () => {
    const list = `,${packFields(FIELDS)}`;
    expect(list.includes(coordinateNeedle('Person.phone'))).toBe(true);
    expect(list.includes(coordinateNeedle('Person.household_address'))).toBe(true);
    // A prefix, a suffix, another case: not the field.
    expect(list.includes(coordinateNeedle('Person.pho'))).toBe(false);
    expect(list.includes(coordinateNeedle('name'))).toBe(false);
    expect(list.includes(coordinateNeedle('Person.Name'))).toBe(false);
    expect(`,${packFields([{ coordinate: 'Person.a b', levelRank: 0, outcome: 'served' }])}`.includes(coordinateNeedle('Person.a b'))).toBe(true);
  });

  it('grades an owner’s fields by the most classified one served, and -1 when none was', () => {
    expect(gradeOf(FIELDS)).toBe(3);
    expect(gradeOf(FIELDS.slice(0, 2))).toBe(2);
    expect(gradeOf([FIELDS[1]!])).toBe(-1);
  });

  it('refuses text that is not a list', () => {
    for (const damaged of ['', 'Person.name 2', 'Person.name two served', 'Person.name 2 shown', 'Person.name 2 served extra', 'Person.name 2 served,']) {
      expect(() => unpackFields(damaged)).toThrow(/not a field list/);
    }
  });
});
