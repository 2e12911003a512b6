import type { DatabaseFeature } from '#database';
import { CorrectionReportEntity } from './correction-report.entity.js';
import { CreateCorrections1765600000002 } from './migrations/1765600000002-create-corrections.js';

/** Correction reports in the gateway database. */
export const CORRECTIONS_FEATURE: DatabaseFeature = { entities: [CorrectionReportEntity], migrations: [CreateCorrections1765600000002] };
