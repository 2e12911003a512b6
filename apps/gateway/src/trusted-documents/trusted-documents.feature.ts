import type { DatabaseFeature } from '#database';
import { CreateRegisteredOperations1764700000000 } from './migrations/1764700000000-create-registered-operations.js';
import { RegisteredOperationEntity } from './registered-operation.entity.js';

/** Registered operations (trusted documents) in the gateway database. */
export const TRUSTED_DOCUMENTS_FEATURE: DatabaseFeature = { entities: [RegisteredOperationEntity], migrations: [CreateRegisteredOperations1764700000000] };
