import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRedis } from '../../../../test/support/redis.js';
import { MemoryReplayGuard } from './memory.replay-guard.js';
import { RedisReplayGuard } from './redis.replay-guard.js';
import { ReplayGuardUnavailableError } from './replay-guard.js';
import { SqliteReplayGuard } from './sqlite.replay-guard.js';

const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

describe('replay guards', () => {
  it('in memory: a token id is accepted once', async () => {
    const guard = new MemoryReplayGuard(5);
    const id = randomUUID();
    expect([await guard.firstUse(id, inAMinute()), await guard.firstUse(id, inAMinute())]).toEqual([true, false]);
  });

  it('in an SQLite file: a token id used before a restart is refused after it, and by another process’s guard on the same file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'causeway-replay-')), 'replay-guard.sqlite');
    const id = randomUUID();
    const before = new SqliteReplayGuard(file, 5);
    expect(await before.firstUse(id, inAMinute())).toBe(true);
    await before.close();
    const after = new SqliteReplayGuard(file, 5);
    const neighbour = new SqliteReplayGuard(file, 5);
    expect([await after.firstUse(id, inAMinute()), await neighbour.firstUse(id, inAMinute()), await neighbour.firstUse(randomUUID(), inAMinute())]).toEqual([false, false, true]);
    await after.close();
    await neighbour.close();
  });
});

describeRedis('replay guard in Redis', (url) => {
  const guards: RedisReplayGuard[] = [];
  const guard = (scope: string, redisUrl = url) => {
    const opened = new RedisReplayGuard(redisUrl, scope, 5, 300);
    guards.push(opened);
    return opened;
  };
  afterAll(async () => {
    for (const opened of guards) await opened.close();
  });

  it('two replicas offered the same token at once: exactly one accepts it; other scopes are apart', async () => {
    const scope = `test-${randomUUID()}`;
    const id = randomUUID();
    const answers = await Promise.all([guard(scope).firstUse(id, inAMinute()), guard(scope).firstUse(id, inAMinute())]);
    expect(answers.sort()).toEqual([false, true]);
    expect(await guard(`${scope}-other`).firstUse(id, inAMinute())).toBe(true);
  });

  it('fails closed when Redis cannot be reached', async () => {
    await expect(guard('unreachable', 'redis://127.0.0.1:1').firstUse(randomUUID(), inAMinute())).rejects.toBeInstanceOf(ReplayGuardUnavailableError);
  });
});
