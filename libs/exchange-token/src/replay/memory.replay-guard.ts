import type { ReplayGuard } from './replay-guard.js';

/** Token ids in process memory: one gateway or bureau process, forgotten when it stops (tests and tools). */
export class MemoryReplayGuard implements ReplayGuard {
  private readonly seen = new Map<string, number>();
  private sweptAt = 0;

  constructor(private readonly clockToleranceS: number) {}

  async firstUse(id: string, exp: number): Promise<boolean> {
    const now = Date.now();
    if (now - this.sweptAt > 10_000) {
      for (const [key, expiresAt] of this.seen) if (expiresAt < now) this.seen.delete(key);
      this.sweptAt = now;
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, (exp + this.clockToleranceS) * 1000);
    return true;
  }

  async close(): Promise<void> {}
}
