import { describe, expect, it } from '@jest/globals';
import { applyMask, defaultMask } from './masks.js';

describe('masks (DOMAIN.md, GB/T 35273-2020 practice)', () => {
  it.each([
    ['ID_NUMBER', '110105199001011234', '110105********1234'],
    ['PHONE', '13812341234', '138****1234'],
    ['NAME', '张伟', '张*'],
    ['NAME', '张小伟', '张**'],
    ['NAME', '欧阳建国', '欧阳**'],
    ['ADDRESS', '北京市朝阳区丰台路145号15单元1898室', '北京市朝阳区***'],
    ['ADDRESS', '河北省保定市莲池路1号', '河北省保定市***'],
    ['BIRTH_DATE', '1990-01-01', '1990-**-**'],
    ['REDACT', 'anything', '********'],
  ] as const)('%s: %s → %s', (kind, value, masked) => {
    expect(applyMask(kind, value)).toBe(masked);
  });

  it('never leaks a value it cannot shape', () => {
    expect(applyMask('ID_NUMBER', '12345')).toBe('*****');
    expect(applyMask('PHONE', 1234567890)).toBeNull();
    expect(applyMask('NAME', null)).toBeNull();
  });

  it('has a default mask only for the kinds DOMAIN.md names', () => {
    expect(['ID_NUMBER', 'PHONE', 'NAME', 'ADDRESS', 'BIRTH_DATE', 'HEALTH', 'FINANCIAL', 'OTHER'].map((k) => defaultMask(k as never))).toEqual([
      'ID_NUMBER',
      'PHONE',
      'NAME',
      'ADDRESS',
      'BIRTH_DATE',
      null,
      null,
      null,
    ]);
  });
});
