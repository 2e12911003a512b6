const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Check character of a resident identity number (GB 11643-1999, ISO 7064 MOD 11-2). */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export function isValidIdNumber(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value) && idNumberCheckChar(value.slice(0, 17)) === value[17];
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Check character of a unified social credit code (GB 32100-2015). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CODE_CHARS.indexOf(first17[i]!) * CODE_WEIGHTS[i]!;
  return CODE_CHARS[(31 - (sum % 31)) % 31]!;
}

export function isValidCreditCode(value: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value) && creditCodeCheckChar(value.slice(0, 17)) === value[17];
}

export const CREDIT_CODE_ALPHABET = CODE_CHARS;
