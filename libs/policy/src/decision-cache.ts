import type { FieldDecision } from './field-decision.js';

const MAX_ENTRIES = 100_000;

export interface CachedDecision {
  decision: FieldDecision;
  /** Epoch ms after which the decision no longer holds (the deciding grant's end); Infinity if open-ended. */
  expiresAt: number;
}

/**
 * Decisions of one policy version: per principal (attributes and purpose),
 * then per field, so an operation's fields cost one map lookup each.
 * Bounded: when full it starts afresh (decisions are cheap to recompute).
 */
export class DecisionCache {
  private readonly principals = new Map<string, Map<string, CachedDecision>>();
  private entries = 0;

  /** The decisions of one principal; entries set on it count against the bound. */
  forPrincipal(key: string): { get(coordinate: string): CachedDecision | undefined; set(coordinate: string, entry: CachedDecision): void } {
    let decisions = this.principals.get(key);
    if (!decisions) this.principals.set(key, (decisions = new Map()));
    const own = decisions;
    return {
      get: (coordinate) => own.get(coordinate),
      set: (coordinate, entry) => {
        if (this.entries >= MAX_ENTRIES) {
          this.principals.clear();
          this.entries = 0;
          this.principals.set(key, own);
          own.clear();
        }
        if (!own.has(coordinate)) this.entries++;
        own.set(coordinate, entry);
      },
    };
  }
}
