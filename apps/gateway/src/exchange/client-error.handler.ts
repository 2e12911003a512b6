import { IncomingMessage, STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { headerLines } from '#config';
import type { ExchangePipeline } from './exchange.pipeline.js';
import { httpRefusal } from './http-refusal.js';

/** How a request Node's HTTP parser refused is answered: status, reason, message. */
function classify(error: NodeJS.ErrnoException): { status: number; reason: string; message: string } {
  if (error.code === 'HPE_HEADER_OVERFLOW') return { status: 431, reason: 'HEADERS_TOO_LARGE', message: 'The request line and headers are larger than the gateway accepts.' };
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, reason: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time.' };
  return { status: 400, reason: 'MALFORMED_HTTP', message: 'The request is not well-formed HTTP/1.1.' };
}

/**
 * Requests Node's HTTP server answers by itself before any route sees them
 * would get its bare status line and no body, and no record:
 * - those its parser refuses (headers over its size limit, an unknown
 *   method, a bare CR in a header, a request that never finished arriving);
 * - an `Expect` other than `100-continue` (Node's own 417);
 * - a `CONNECT` (Node closes the connection);
 * - an HTTP/1.1 request without `Host` (Node's own 400; with two, Node keeps
 *   the first, and RFC 9112 3.2 requires 400 for both: see hostRefusal).
 * Here they get what every refusal gets: recorded in the ledger first, then
 * a JSON answer with a stable code, a reason and the exchange id, and the
 * connection closed.
 */
export function answerClientErrors(server: Server, pipeline: ExchangePipeline): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => void answer(error, socket as Socket, pipeline));
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    void refusal(pipeline, request, 417, 'EXPECTATION_FAILED', 'The only expectation the gateway meets is 100-continue.').then(({ status, body }) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
    });
  });
  server.on('connect', (request: IncomingMessage, duplex: Duplex) => {
    // Node hands the socket over bare (its error and timeout handlers removed, off the server's connection list): a
    // reset before the answer must not become an uncaught error, and a client that never closes must not hold it.
    const socket = duplex as Socket;
    socket.on('error', () => socket.destroy());
    socket.setTimeout(CONNECT_ANSWER_TIMEOUT_MS, () => socket.destroy());
    void refusal(pipeline, request, 405, 'METHOD_NOT_ALLOWED', 'The gateway is not a proxy: CONNECT is not served.').then((answered) => endRaw(socket, answered));
  });
}

/** How long a CONNECT's connection may stay open for its refusal. */
const CONNECT_ANSWER_TIMEOUT_MS = 10_000;

/**
 * Express middleware, first of all: an HTTP/1.1 request without a Host
 * header, and any request with more than one, is refused (RFC 9112 3.2):
 * which site it names must not depend on who reads it.
 */
export function hostRefusal(server: Server, pipeline: ExchangePipeline) {
  // Node would answer a request without Host itself, unrecorded; this does (Node reads the setting per request).
  Object.assign(server, { requireHostHeader: false });
  return (request: Request, response: Response, next: NextFunction): void => {
    const hosts = headerLines(request.rawHeaders, 'host');
    const required = request.httpVersionMajor === 1 && request.httpVersionMinor >= 1;
    // One line, and the one Node read (a Host after Node's first 1000 headers is in rawHeaders only).
    if ((hosts === 1 && request.headers.host !== undefined) || (hosts === 0 && !required)) return next();
    void refusal(pipeline, request, 400, 'BAD_HOST', 'An HTTP/1.1 request names exactly one Host.').then(({ status, body }) => {
      response.status(status).set({ 'content-type': 'application/json; charset=utf-8', connection: 'close' }).send(body);
    });
  };
}

async function answer(error: NodeJS.ErrnoException, socket: Socket, pipeline: ExchangePipeline): Promise<void> {
  // A client that went away has nobody to answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  // A response to an earlier request on this connection is still being written: no second answer can follow it.
  if ((socket as Socket & { _httpMessage?: unknown })._httpMessage) {
    socket.destroy();
    return;
  }
  const { status, reason, message } = classify(error);
  // What is known of the request: its connection (no line or header could be trusted).
  endRaw(socket, await refusal(pipeline, new IncomingMessage(socket), status, reason, message));
}

/** The refusal recorded (503 LEDGER_UNAVAILABLE when even that fails), as a status and a JSON body with its reason. */
async function refusal(pipeline: ExchangePipeline, request: IncomingMessage, status: number, reason: string, message: string): Promise<{ status: number; body: string }> {
  const recorded = await httpRefusal(pipeline, request, status, 'BAD_REQUEST', message).catch(() => null);
  const answered = recorded ?? { status: 503, body: { error: { code: 'LEDGER_UNAVAILABLE', message: 'The exchange ledger is unavailable.', exchangeId: undefined } } };
  return { status: answered.status, body: JSON.stringify({ error: { ...answered.body.error, ...(answered.status === status ? { reason } : {}) } }) };
}

/** Writes an answer on a connection no response object holds, and closes it. */
function endRaw(socket: Socket, { status, body }: { status: number; body: string }): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` + `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    // Closed both ways once written: a half-open socket would wait for a client that never closes.
    () => socket.destroy(),
  );
}
