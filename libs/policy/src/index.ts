export { grantSchema, parseGrant, type Grant, type GrantInput } from './grant.js';
export { applyMask, defaultMask, MASK_KINDS, type MaskKind } from './masks.js';
export type { DecisionSubject, DenialReason, FieldDecision } from './field-decision.js';
export { PolicyEngine } from './policy-engine.js';
export { selectedFields, type SelectedField } from './operation-walker.js';
export { decideFields, decideOperation, shapeData, withoutFields, type DecidedField } from './operation-decision.js';
export { readSeedGrants } from './seed-grants.js';
export { decisionRows, type DecisionRow } from './decision-rows.js';
export { entryTags, targetCovers } from './grant-target.js';
