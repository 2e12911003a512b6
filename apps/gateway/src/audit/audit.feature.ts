import type { DatabaseFeature } from '#database';
import { VerificationRuns1765700000000 } from './migrations/1765700000000-verification-runs.js';
import { LedgerVerificationRunEntity } from './verification-run.entity.js';

/** The auditors' note of each ledger verification run, in the gateway database. */
export const AUDIT_FEATURE: DatabaseFeature = { entities: [LedgerVerificationRunEntity], migrations: [VerificationRuns1765700000000], appendOnly: [LedgerVerificationRunEntity] };
