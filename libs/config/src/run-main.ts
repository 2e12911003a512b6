import { ConfigError } from './config.error.js';

/**
 * Runs an app's entry point and turns failures into a clear message and exit
 * code: configuration errors exit 78 (EX_CONFIG) with the list of offending
 * variables; anything else exits 1 with the message only, never a stack trace
 * (set CAUSEWAY_DEBUG=1 to see it).
 */
export function runMain(name: string, main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: ${message}\n`);
    if (process.env.CAUSEWAY_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}
