// The pure core: entries, seals, checkpoints, chain verification.
export * from './ledger-entry.js';
export { canonicalJson, GENESIS_HASH, recordHash, sealCanonical, sha256 } from './ledger-hash.js';
export { gradeResponse } from './response-grade.js';
export { CHECKPOINT_TYPE, checkpointHash, signCheckpoint, verifyCheckpoint, type CheckpointStatement } from './checkpoint.js';
export { CheckpointSealer } from './checkpoint.sealer.js';
export { RECEIPT_TYPE, signReceipt, verifyReceipt, type Receipt } from './receipt.js';
export { ChainVerifier, CHECKPOINTS, type BreakReason, type ChainBreak, type StoredRecord } from './chain-verifier.js';
// Persistence: tables, the appender per database, the reader.
export { LEDGER_FEATURE } from './ledger.feature.js';
export { LEDGER_TABLES } from './migrations/1764300000000-create-ledger.js';
export { LedgerRecordEntity } from './entities/ledger-record.entity.js';
export { LedgerFieldEntity } from './entities/ledger-field.entity.js';
export { LedgerCheckpointEntity } from './entities/ledger-checkpoint.entity.js';
export { LedgerCheckpointHeadEntity } from './entities/ledger-checkpoint-head.entity.js';
export { LedgerCheckpointStampEntity } from './entities/ledger-checkpoint-stamp.entity.js';
export { requestTimestamp, verifyTimestamp } from './timestamp.js';
export { LedgerAppender } from './store/ledger.appender.js';
export { createLedgerAppender } from './store/create-ledger-appender.js';
export { LedgerReader } from './store/ledger.reader.js';
export { createReadProcess, ReadTimeoutError, SqliteReadProcess, type ReadExecutor } from './store/sqlite-read.process.js';
export type { PendingEntry } from './store/ledger-columns.js';
export { decodeContent, encodeContent, encodeContentBytes } from './store/content-codec.js';
// Recording: the group-commit writer and the service of a gateway process.
export { LedgerWriter, LedgerUnavailableError } from './ledger.writer.js';
export { LedgerService } from './ledger.service.js';
export { LedgerModule } from './ledger.module.js';
export { LEDGER_OPTIONS, type LedgerOptions } from './ledger.options.js';
// Reading: verification, search, statistics, export.
export { verifyLedger, type VerificationReport } from './verify/ledger.verifier.js';
export { MAX_JOBS, MIN_SEGMENT, PARALLEL_FROM, withoutUrls, type SegmentRunner } from './verify/chain-segments.js';
export { WorkerSegmentRunner } from './verify/segment.pool.js';
export { verifyArchive } from './verify/archive.verifier.js';
export { checkReceipt, exportSource, ledgerSource, type ReceiptCheck } from './verify/receipt.verifier.js';
export { checkStamps } from './verify/stamp.check.js';
export { checkAgainstWitness, type WitnessedCheckpoint, type WitnessReport } from './verify/witness.check.js';
export { InvalidCursorError, searchLedger, type LedgerFilter, type LedgerPage } from './search/ledger.search.js';
export { ledgerStatistics, type LedgerStatistics } from './search/ledger.statistics.js';
export { exchangeHeader, ownerUsage, type OwnerUsage } from './search/owner-usage.js';
export { EXPORT_FORMATS, exportLedger, type ExportFormat, type ExportRange } from './export/ledger.export.js';
// Data subjects: keyed hashes of identifiers, never the identifiers.
export { SubjectKeyring, SubjectKeyringError, type DataSubject } from './subjects/subject-keyring.js';
export { SUBJECT_KEYS_ENV, subjectKeyringSourceOf, type SubjectKeyringSource } from './subjects/subject-keyring.config.js';
export { LedgerSubjectEntity } from './entities/ledger-subject.entity.js';
// Retention: archive, tombstone, remove.
export { fileDigest, planPrune, pruneLedger, writePruneArchive, type PruneCut } from './prune/ledger.pruner.js';
export { compactClosedMonths, type CompactedPartition } from './compact/ledger.compactor.js';
export { checkPrunedArchives } from './verify/pruned-archives.check.js';
export { LedgerPrunedEntity } from './entities/ledger-pruned.entity.js';
