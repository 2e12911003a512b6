import type { DatabaseFeature } from '#database';
import { LedgerCheckpointEntity } from './entities/ledger-checkpoint.entity.js';
import { LedgerFieldEntity } from './entities/ledger-field.entity.js';
import { LedgerOperationEntity } from './entities/ledger-operation.entity.js';
import { LedgerRecordEntity } from './entities/ledger-record.entity.js';
import { CreateLedger1764300000000 } from './migrations/1764300000000-create-ledger.js';

/** The ledger's tables in the gateway database. */
export const LEDGER_FEATURE: DatabaseFeature = {
  entities: [LedgerRecordEntity, LedgerFieldEntity, LedgerOperationEntity, LedgerCheckpointEntity],
  migrations: [CreateLedger1764300000000],
  appendOnly: [LedgerRecordEntity, LedgerFieldEntity, LedgerOperationEntity, LedgerCheckpointEntity],
};
