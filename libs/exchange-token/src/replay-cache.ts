/**
 * Remembers token ids until their tokens expire, so each is accepted once.
 * In process memory: one gateway or bureau instance (several replicas need a
 * shared store).
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  private sweptAt = 0;

  constructor(private readonly clockToleranceS: number) {}

  /** Records `id` (valid until `exp`, seconds); false when it was already seen. */
  firstUse(id: string, exp: number): boolean {
    const now = Date.now();
    if (now - this.sweptAt > 10_000) {
      for (const [key, expiresAt] of this.seen) if (expiresAt < now) this.seen.delete(key);
      this.sweptAt = now;
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, (exp + this.clockToleranceS) * 1000);
    return true;
  }
}
