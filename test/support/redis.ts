import { describe, it } from '@jest/globals';

/** Where tests find Redis; `.ci/run` sets it. */
export const REDIS_URL_VARIABLE = 'CAUSEWAY_TEST_REDIS_URL';

/**
 * `describe` for tests that need Redis. Without the URL they are skipped,
 * saying why; under CI=true a missing URL is a failure.
 */
export function describeRedis(name: string, body: (url: string) => void): void {
  const url = process.env[REDIS_URL_VARIABLE];
  if (url) {
    describe(name, () => body(url));
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('has Redis', () => {
        throw new Error(`${REDIS_URL_VARIABLE} is not set, and CI=true requires the Redis tests to run`);
      });
    });
  } else {
    process.stderr.write(`SKIPPED "${name}": set ${REDIS_URL_VARIABLE} (e.g. redis://127.0.0.1:6379) to run it\n`);
    describe.skip(name, () => body(''));
  }
}
