import { join } from 'node:path';
import { z } from 'zod';
import { resolveFromCwd } from '#config';

/** The variable naming the keyring file every replica shares. */
export const SUBJECT_KEYS_ENV = {
  CAUSEWAY_LEDGER_SUBJECT_KEYS_FILE: z.string().min(1).optional(),
};

/** Where the keyring is: the configured file (never created), else one under the data directory (created on first start). */
export interface SubjectKeyringSource {
  file: string;
  create: boolean;
}

export function subjectKeyringSourceOf(values: { CAUSEWAY_LEDGER_SUBJECT_KEYS_FILE?: string }, dataDir: string): SubjectKeyringSource {
  if (values.CAUSEWAY_LEDGER_SUBJECT_KEYS_FILE) return { file: resolveFromCwd(values.CAUSEWAY_LEDGER_SUBJECT_KEYS_FILE), create: false };
  return { file: join(dataDir, 'ledger-subject-keys.json'), create: true };
}
