import type { DatabaseFeature } from '#database';
import { CreateApplications1764400000000 } from './migrations/1764400000000-create-applications.js';
import { SharingWorkflow1765600000000 } from './migrations/1765600000000-sharing-workflow.js';
import { SharingApplicationEntity } from './sharing-application.entity.js';
import { WorkCalendarYearEntity } from './work-calendar-year.entity.js';

/** Conditional-sharing applications and the working calendar in the gateway database. */
export const GOVERNANCE_FEATURE: DatabaseFeature = {
  entities: [SharingApplicationEntity, WorkCalendarYearEntity],
  migrations: [CreateApplications1764400000000, SharingWorkflow1765600000000],
};
