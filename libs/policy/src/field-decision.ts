import type { MaskKind } from './masks.js';

/** Why a field was refused; the caller sees this code, the ledger also the rules. */
export type DenialReason = 'UNKNOWN_OWNER' | 'CLEARANCE' | 'DENIED_BY_GRANT' | 'NOT_SHARED' | 'NO_GRANT';

/** The decision about one `Type.field` for one caller and purpose. */
export interface FieldDecision {
  coordinate: string;
  allowed: boolean;
  /** Mask applied to the served value; null = served in clear (or denied). */
  mask: MaskKind | null;
  denial: DenialReason | null;
  /** What decided: `grant:<id>` or a built-in `rule:<name>`. */
  rules: string[];
  policyVersion: number;
}

/** Who asks, as far as a decision depends on it: the Principal's attributes. */
export interface DecisionSubject {
  system: string;
  department: string;
  clearance: string;
  purpose: string;
}
