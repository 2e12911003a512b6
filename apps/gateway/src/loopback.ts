import type { IncomingMessage } from 'node:http';

/** Whether a host name or address the gateway is told to use (CAUSEWAY_HOST, a Host header) is this machine's loopback. */
export function isLoopback(host: string): boolean {
  return ['127.0.0.1', '::1', 'localhost'].includes(host);
}

const LOOPBACK_PEERS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Whether a request came from this host (operators, node-local probes):
 * by the connection's own address, never by a header a caller could set.
 */
export function fromThisHost(request: IncomingMessage): boolean {
  return LOOPBACK_PEERS.has(request.socket.remoteAddress ?? '');
}
