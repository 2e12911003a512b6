import type { Command } from 'commander';
import { signDevClientAssertion, MAX_ASSERTION_TTL_S } from '#identity';
import { CommandFailedError, UsageError } from '../cli.error.js';
import { dataDirFrom } from '../gateway-keys.js';

export function registerToken(program: Command): void {
  program
    .command('token')
    .description("print a client assertion signed with a demo system's development key (for curl: -H \"Authorization: Bearer $(…)\")")
    .requiredOption('--system <id>', 'the calling system, e.g. civil-affairs.subsidy-review')
    .option('--purpose <purpose>', 'the purpose to declare in the token (else send X-Causeway-Purpose)')
    .option('--ttl <seconds>', `lifetime, at most ${MAX_ASSERTION_TTL_S}`, String(MAX_ASSERTION_TTL_S))
    .option('--audience <aud>', 'the gateway audience (default: CAUSEWAY_GATEWAY_AUDIENCE or causeway-gateway)')
    .option('--data-dir <dir>', 'data directory holding the development keys (default: CAUSEWAY_DATA_DIR or .causeway)')
    .action(async (options: { system: string; purpose?: string; ttl: string; audience?: string; dataDir?: string }) => {
      const ttl = Number(options.ttl);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_ASSERTION_TTL_S) {
        throw new UsageError(`--ttl must be a whole number of seconds from 1 to ${MAX_ASSERTION_TTL_S}`);
      }
      let token: string;
      try {
        token = await signDevClientAssertion({
          dataDir: dataDirFrom(options.dataDir),
          system: options.system,
          audience: options.audience ?? process.env.CAUSEWAY_GATEWAY_AUDIENCE ?? 'causeway-gateway',
          purpose: options.purpose,
          ttlSeconds: ttl,
        });
      } catch (error) {
        throw new CommandFailedError((error as Error).message);
      }
      process.stdout.write(`${token}\n`);
    });
}
