import type { DatabaseFeature } from '#database';
import { LedgerCheckpointEntity } from './entities/ledger-checkpoint.entity.js';
import { LedgerCheckpointHeadEntity } from './entities/ledger-checkpoint-head.entity.js';
import { LedgerCheckpointStampEntity } from './entities/ledger-checkpoint-stamp.entity.js';
import { LedgerFieldEntity } from './entities/ledger-field.entity.js';
import { LedgerOperationEntity } from './entities/ledger-operation.entity.js';
import { LedgerRecordEntity } from './entities/ledger-record.entity.js';
import { LedgerSubjectEntity } from './entities/ledger-subject.entity.js';
import { LedgerPrunedEntity } from './entities/ledger-pruned.entity.js';
import { CreateLedger1764300000000 } from './migrations/1764300000000-create-ledger.js';
import { LinkedCheckpoints1764800000000 } from './migrations/1764800000000-linked-checkpoints.js';
import { SubjectIndex1764900000000 } from './migrations/1764900000000-subject-index.js';
import { LedgerPruning1765000000000 } from './migrations/1765000000000-ledger-pruning.js';
import { SearchIndexes1765100000000 } from './migrations/1765100000000-search-indexes.js';
import { StatisticsRollups1765200000000 } from './migrations/1765200000000-statistics-rollups.js';
import { MonthlyPartitions1765300000000 } from './migrations/1765300000000-monthly-partitions.js';
import { FieldLists1765400000000 } from './migrations/1765400000000-field-lists.js';
import { SubjectLists1765500000000 } from './migrations/1765500000000-subject-lists.js';
import { ContentBytes1765600000000 } from './migrations/1765600000000-content-bytes.js';
import { ROLLUP_ENTITIES } from './entities/ledger-rollup.entities.js';

/** Every ledger table: each one append-only (the prunable ones also take the deletes tombstones allow). */
const TABLES = [
  LedgerRecordEntity,
  LedgerFieldEntity,
  LedgerOperationEntity,
  LedgerCheckpointEntity,
  LedgerCheckpointHeadEntity,
  LedgerCheckpointStampEntity,
  LedgerSubjectEntity,
  LedgerPrunedEntity,
];

/** The ledger's tables in the gateway database; beside them the statistics rollups, derived counts the writers add to. */
export const LEDGER_FEATURE: DatabaseFeature = {
  entities: [...TABLES, ...ROLLUP_ENTITIES],
  migrations: [
    CreateLedger1764300000000,
    LinkedCheckpoints1764800000000,
    SubjectIndex1764900000000,
    LedgerPruning1765000000000,
    SearchIndexes1765100000000,
    StatisticsRollups1765200000000,
    MonthlyPartitions1765300000000,
    FieldLists1765400000000,
    SubjectLists1765500000000,
    ContentBytes1765600000000,
  ],
  appendOnly: TABLES,
};
