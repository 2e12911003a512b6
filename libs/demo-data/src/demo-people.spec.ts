import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '#config';
import { demoEnterprises, demoPeople, demoPerson, DEMO_ENTERPRISE_COUNT, DEMO_PERSON_COUNT } from './demo-people.js';
import { demoCivilRecord, demoHealthRecord } from './demo-records.js';
import { creditCodeCheckChar, idNumberCheckChar, isValidCreditCode, isValidIdNumber } from './id-number.js';

describe('check characters', () => {
  it('match published examples', () => {
    // GB 11643-1999 annex example and a well-known sample credit code.
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });
});

describe('demo population', () => {
  const people = demoPeople();

  it('has at least 1,000 persons with valid, unique ID numbers', () => {
    expect(DEMO_PERSON_COUNT).toBeGreaterThanOrEqual(1000);
    expect(people).toHaveLength(DEMO_PERSON_COUNT);
    expect(people.every((p) => isValidIdNumber(p.idNumber))).toBe(true);
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(people.length);
  });

  it('encodes birth date and gender in the ID number as the standard does', () => {
    for (const person of people.slice(0, 50)) {
      expect(person.idNumber.slice(6, 14)).toBe(person.birthDate.replaceAll('-', ''));
      expect(Number(person.idNumber[16]) % 2 === 1).toBe(person.gender === 'MALE');
    }
  });

  it('is the same on every run, so bureaus agree without sharing a database', () => {
    expect(demoPerson(123)).toEqual(demoPerson(123));
    expect(demoCivilRecord(people[7]!)).toEqual(demoCivilRecord(demoPerson(7)));
    expect(demoHealthRecord(people[7]!)).toEqual(demoHealthRecord(demoPerson(7)));
  });

  it('has at least 200 enterprises with valid, unique credit codes represented by registered persons', () => {
    const enterprises = demoEnterprises();
    expect(DEMO_ENTERPRISE_COUNT).toBeGreaterThanOrEqual(200);
    expect(enterprises).toHaveLength(DEMO_ENTERPRISE_COUNT);
    expect(enterprises.every((e) => isValidCreditCode(e.creditCode))).toBe(true);
    expect(new Set(enterprises.map((e) => e.creditCode)).size).toBe(enterprises.length);
    expect(enterprises.every((e) => people[e.legalRepresentativeIndex] !== undefined)).toBe(true);
  });

  it('gives some persons allowances, disabilities, vaccinations and chronic conditions', () => {
    const civil = people.map(demoCivilRecord);
    const health = people.map(demoHealthRecord);
    expect(civil.filter((r) => r.allowance).length).toBeGreaterThan(20);
    expect(civil.filter((r) => r.disability).length).toBeGreaterThan(10);
    expect(health.filter((r) => r.vaccinations.length > 0).length).toBeGreaterThan(300);
    expect(health.filter((r) => r.chronicConditions.length > 0).length).toBeGreaterThan(50);
  });
});

describe("the README's showcase", () => {
  it('names a person who has every record its example reads: household, allowance, insurance and vaccinations', () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    const idNumber = /person\(idNumber: \\"(\d{17}[\dX])\\"\) \{ name householdAddress maritalStatus subsistenceAllowance/.exec(readme)?.[1];
    const person = demoPeople().find((candidate) => candidate.idNumber === idNumber);
    expect(person).toBeDefined();
    expect(demoCivilRecord(person!).allowance).not.toBeNull();
    expect(demoHealthRecord(person!).vaccinations.length).toBeGreaterThan(1);
    expect(demoHealthRecord(person!).insurance).toBeTruthy();
  });
});
