import { IncomingMessage, STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ExchangePipeline } from './exchange.pipeline.js';
import { httpRefusal } from './http-refusal.js';

/** How a request Node's HTTP parser refused is answered: status, reason, message. */
function classify(error: NodeJS.ErrnoException): { status: number; reason: string; message: string } {
  if (error.code === 'HPE_HEADER_OVERFLOW') return { status: 431, reason: 'HEADERS_TOO_LARGE', message: 'The request line and headers are larger than the gateway accepts.' };
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, reason: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time.' };
  return { status: 400, reason: 'MALFORMED_HTTP', message: 'The request is not well-formed HTTP/1.1.' };
}

/**
 * Requests Node's HTTP parser refuses before any route sees them (headers
 * over its size limit, an unknown method, a bare CR in a header, a request
 * that never finished arriving) would get Node's bare status line and no
 * body. Here they get what every refusal gets: recorded in the ledger first,
 * then a JSON answer with a stable code, a reason and the exchange id, and
 * the connection closed (the parser cannot go on reading it).
 */
export function answerClientErrors(server: Server, pipeline: ExchangePipeline): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => void answer(error, socket as Socket, pipeline));
}

async function answer(error: NodeJS.ErrnoException, socket: Socket, pipeline: ExchangePipeline): Promise<void> {
  // A client that went away has nobody to answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, reason, message } = classify(error);
  // What is known of the request: its connection (no line or header could be trusted).
  const refusal = await httpRefusal(pipeline, new IncomingMessage(socket), status, 'BAD_REQUEST', message).catch(() => null);
  const answered = refusal ?? { status: 503, body: { error: { code: 'LEDGER_UNAVAILABLE', message: 'The exchange ledger is unavailable.', exchangeId: undefined } } };
  const body = JSON.stringify({ error: { ...answered.body.error, ...(answered.status === status ? { reason } : {}) } });
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(
    `HTTP/1.1 ${answered.status} ${STATUS_CODES[answered.status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
