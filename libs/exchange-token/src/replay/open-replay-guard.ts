import { MemoryReplayGuard } from './memory.replay-guard.js';
import type { ReplayGuard } from './replay-guard.js';
import { RedisReplayGuard } from './redis.replay-guard.js';
import { SqliteReplayGuard } from './sqlite.replay-guard.js';

/**
 * The replay guard a process's configuration asks for: Redis when a URL is
 * given (replicas), else an SQLite file (the embedded default), else memory.
 * `scope` keeps the gateway's caller tokens and each bureau's exchange
 * tokens apart in one Redis.
 */
export function openReplayGuard(options: { redisUrl?: string | null; file?: string | null; scope: string; clockToleranceS: number }): ReplayGuard {
  if (options.redisUrl) return new RedisReplayGuard(options.redisUrl, options.scope, options.clockToleranceS);
  if (options.file) return new SqliteReplayGuard(options.file, options.clockToleranceS);
  return new MemoryReplayGuard(options.clockToleranceS);
}
