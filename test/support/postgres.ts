import { describe, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where tests find PostgreSQL; `.ci/run` sets it. */
export const POSTGRES_URL_VARIABLE = 'CAUSEWAY_TEST_POSTGRES_URL';

/**
 * `describe` for tests that need PostgreSQL. Without the URL they are
 * skipped, saying why; under CI=true a missing URL is a failure.
 */
export function describePostgres(name: string, body: (url: string) => void): void {
  const url = process.env[POSTGRES_URL_VARIABLE];
  if (url) {
    describe(name, () => body(url));
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('has PostgreSQL', () => {
        throw new Error(`${POSTGRES_URL_VARIABLE} is not set, and CI=true requires the PostgreSQL tests to run`);
      });
    });
  } else {
    process.stderr.write(`SKIPPED "${name}": set ${POSTGRES_URL_VARIABLE} (e.g. postgres://postgres@127.0.0.1:5432/test) to run it\n`);
    describe.skip(name, () => body(''));
  }
}

/** A schema of its own for one test file, dropped afterwards. */
export async function createTestSchema(url: string): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `causeway_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return {
    schema,
    drop: async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
      await dropper.end();
    },
  };
}
