import type { PiiKind } from '#catalog';

/**
 * Display masks (GB/T 35273-2020 practice, see DOMAIN.md), applied by the
 * gateway to values served outside their owner department.
 */
export const MASK_KINDS = ['ID_NUMBER', 'PHONE', 'NAME', 'ADDRESS', 'BIRTH_DATE', 'REDACT'] as const;
export type MaskKind = (typeof MASK_KINDS)[number];

/** The mask a PII kind gets by default outside its owner; kinds without one are governed by level and grants alone. */
export function defaultMask(pii: PiiKind | null): MaskKind | null {
  switch (pii) {
    case 'ID_NUMBER':
    case 'PHONE':
    case 'NAME':
    case 'ADDRESS':
    case 'BIRTH_DATE':
      return pii;
    default:
      return null;
  }
}

function stars(count: number): string {
  return '*'.repeat(Math.max(count, 1));
}

/** Applies a mask to one scalar value; non-string values (other than null) are redacted whole. */
export function applyMask(kind: MaskKind, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value !== 'string') return null;
  const chars = [...value];
  switch (kind) {
    case 'ID_NUMBER':
      // 110105********1234: first 6 and last 4.
      return chars.length > 10 ? `${chars.slice(0, 6).join('')}${stars(chars.length - 10)}${chars.slice(-4).join('')}` : stars(chars.length);
    case 'PHONE':
      // 138****1234: first 3 and last 4.
      return chars.length > 7 ? `${chars.slice(0, 3).join('')}${stars(chars.length - 7)}${chars.slice(-4).join('')}` : stars(chars.length);
    case 'NAME':
      // 张* / 欧阳**: the family name stays (two characters for the common compound surnames).
      return maskName(chars);
    case 'ADDRESS':
      return maskAddress(value);
    case 'BIRTH_DATE':
      // Year only.
      return /^\d{4}-/.test(value) ? `${value.slice(0, 4)}-**-**` : stars(chars.length);
    case 'REDACT':
      return stars(chars.length);
  }
}

const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '轩辕', '端木']);

function maskName(chars: string[]): string {
  if (chars.length <= 1) return stars(1);
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return `${chars.slice(0, keep).join('')}${stars(chars.length - keep)}`;
}

/** Down to the district (区/县/旗, else the city): `北京市朝阳区***`. */
function maskAddress(value: string): string {
  const district = /^.*?(区|县|旗)/.exec(value) ?? /^.*?市/.exec(value);
  return district ? `${district[0]}***` : '***';
}
