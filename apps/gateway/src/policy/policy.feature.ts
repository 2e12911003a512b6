import type { DatabaseFeature } from '#database';
import { GrantEntity } from './grant.entity.js';
import { CreatePolicy1764200000000 } from './migrations/1764200000000-create-policy.js';
import { GrantConditions1765600000001 } from './migrations/1765600000001-grant-conditions.js';
import { PolicyStateEntity } from './policy-state.entity.js';

/** The grants and the policy version in the gateway database. */
export const POLICY_FEATURE: DatabaseFeature = { entities: [GrantEntity, PolicyStateEntity], migrations: [CreatePolicy1764200000000, GrantConditions1765600000001] };
