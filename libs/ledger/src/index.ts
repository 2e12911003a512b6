export * from './ledger-entry.js';
export { canonicalJson, GENESIS_HASH, recordHash, sealCanonical, sha256 } from './ledger-hash.js';
export { gradeResponse } from './response-grade.js';
export { CHECKPOINT_TYPE, signCheckpoint, verifyCheckpoint } from './checkpoint.js';
export { ChainVerifier, type BreakReason, type ChainBreak, type StoredRecord } from './chain-verifier.js';
