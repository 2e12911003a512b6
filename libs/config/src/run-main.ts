import { ConfigError } from './config.error.js';

/**
 * Runs an app's entry point and turns failures into a clear message and exit
 * code: configuration errors exit 78 (EX_CONFIG) with the list of offending
 * variables; anything else exits 1 with the message only, never a stack trace
 * (set CAUSEWAY_DEBUG=1 to see it).
 */
/**
 * Runs `close` once on SIGINT or SIGTERM, then lets the process end; exits
 * anyway after `forceAfterMs` (10 s) if something keeps it alive.
 */
export function closeOnSignals(close: () => Promise<void>, forceAfterMs = 10_000): void {
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    setTimeout(() => process.exit(0), forceAfterMs).unref();
    void close();
  };
  // Under `causeway start` a Ctrl-C reaches the whole process group at once;
  // the supervisor then stops its processes in order (the gateway before
  // the bureaus that witness its last checkpoint), with SIGTERM.
  if (process.env.CAUSEWAY_SUPERVISED === '1') process.on('SIGINT', () => undefined);
  else process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

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
