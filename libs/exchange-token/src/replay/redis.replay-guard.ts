import { Redis } from 'ioredis';
import type { ReplayGuard } from './replay-guard.js';
import { ReplayGuardUnavailableError } from './replay-guard.js';

/**
 * Token ids in Redis, shared by every replica and kept across restarts:
 * `SET key 1 NX PXAT expiry` is atomic, so of two replicas offered the same
 * token at once exactly one accepts it. Redis unreachable: the token cannot
 * be shown unused, and is refused (fail closed), within `timeoutMs`.
 */
export class RedisReplayGuard implements ReplayGuard {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly scope: string,
    private readonly clockToleranceS: number,
    timeoutMs = 1000,
  ) {
    // A command waits for the connection at most `timeoutMs`, then fails: a token is never accepted unchecked.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: timeoutMs, connectTimeout: timeoutMs });
    // Connection errors surface through the commands that fail; the client reconnects by itself.
    this.redis.on('error', () => undefined);
  }

  async firstUse(id: string, exp: number): Promise<boolean> {
    try {
      return (await this.redis.set(`causeway:replay:${this.scope}:${id}`, '1', 'PXAT', (exp + this.clockToleranceS) * 1000, 'NX')) === 'OK';
    } catch (error) {
      throw new ReplayGuardUnavailableError(`replay guard: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
