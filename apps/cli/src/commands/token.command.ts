import type { Command } from 'commander';
import { MAX_ASSERTION_TTL_S, MAX_PERSON_TOKEN_TTL_S, signDevClientAssertion, signDevPersonToken } from '#identity';
import { CommandFailedError, UsageError } from '../cli.error.js';
import { cliConfig } from '../cli.config.js';
import { dataDirFrom } from '../gateway-keys.js';

interface TokenOptions {
  system?: string;
  user?: string;
  purpose?: string;
  ttl?: string;
  audience?: string;
  dataDir?: string;
}

export function registerToken(program: Command): void {
  program
    .command('token')
    .description(
      'print a development token (for curl: -H "Authorization: Bearer $(…)"): a demo system\'s client assertion (--system) ' + "or a person's admin token (--user, for /admin/graphql)",
    )
    .option('--system <id>', 'the calling system, e.g. civil-affairs.subsidy-review')
    .option('--user <id>', 'a person listed in policies/people.yaml, e.g. auditor-1')
    .option('--purpose <purpose>', 'with --system: the purpose to declare in the token (else send X-Causeway-Purpose)')
    .option('--ttl <seconds>', `lifetime; at most ${MAX_ASSERTION_TTL_S} for a system, ${MAX_PERSON_TOKEN_TTL_S} for a person`)
    .option('--audience <aud>', 'with --system: the gateway audience (default: CAUSEWAY_GATEWAY_AUDIENCE or causeway-gateway)')
    .option('--data-dir <dir>', 'data directory holding the development keys (default: CAUSEWAY_DATA_DIR or .causeway)')
    .action(async (options: TokenOptions) => {
      if (Boolean(options.system) === Boolean(options.user)) throw new UsageError('give exactly one of --system and --user');
      if (options.user && (options.purpose || options.audience)) throw new UsageError('--purpose and --audience go with --system');
      const max = options.user ? MAX_PERSON_TOKEN_TTL_S : MAX_ASSERTION_TTL_S;
      const ttl = Number(options.ttl ?? (options.user ? 3600 : MAX_ASSERTION_TTL_S));
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > max) throw new UsageError(`--ttl must be a whole number of seconds from 1 to ${max}`);
      const dataDir = dataDirFrom(options.dataDir);
      let token: string;
      try {
        token = options.user
          ? await signDevPersonToken({ dataDir, person: options.user, ttlSeconds: ttl })
          : await signDevClientAssertion({
              dataDir,
              system: options.system!,
              audience: options.audience ?? cliConfig().audience,
              purpose: options.purpose,
              ttlSeconds: ttl,
            });
      } catch (error) {
        throw new CommandFailedError((error as Error).message);
      }
      process.stdout.write(`${token}\n`);
    });
}
