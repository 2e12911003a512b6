import type { DatabaseFeature } from '#database';
import { CreateApplications1764400000000 } from './migrations/1764400000000-create-applications.js';
import { SharingApplicationEntity } from './sharing-application.entity.js';

/** Conditional-sharing applications in the gateway database. */
export const GOVERNANCE_FEATURE: DatabaseFeature = { entities: [SharingApplicationEntity], migrations: [CreateApplications1764400000000] };
