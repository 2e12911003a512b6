import type { FieldDecision } from './field-decision.js';

const MAX_ENTRIES = 100_000;

/**
 * Decisions of one policy version, keyed by principal attributes, purpose
 * and field. An entry decided by a time-limited grant expires with it.
 * Bounded: when full it starts afresh (decisions are cheap to recompute).
 */
export class DecisionCache {
  private readonly entries = new Map<string, { decision: FieldDecision; expiresAt: number }>();

  get(key: string, now: number): FieldDecision | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.decision;
  }

  set(key: string, decision: FieldDecision, expiresAt: number): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { decision, expiresAt });
  }
}
