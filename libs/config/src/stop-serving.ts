import type { Server } from 'node:http';

/**
 * Stops an HTTP server the way a deployment expects on SIGTERM: no new
 * connections, idle keep-alive connections closed, requests in flight
 * finished and answered — until `graceMs`, after which the connections left
 * are cut. Resolves once no connection is left, so that what is shut down
 * after it (the ledger) has nothing more to record.
 */
export async function stopServing(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // A keep-alive connection whose request just finished is idle now: close it too.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}
