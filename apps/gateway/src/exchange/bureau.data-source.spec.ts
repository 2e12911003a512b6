import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GraphQLError } from 'graphql';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { BureauDataSource } from './bureau.data-source.js';
import type { ExchangeContext } from './exchange.context.js';
import type { ExchangePipeline } from './exchange.pipeline.js';
import type { OutgoingFetch } from './exchange.phases.js';

/** A stand-in bureau whose answer each test chooses by path. */
const seen: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];
let server: Server;
let base: string;
const dispatcher = new Agent();

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      seen.push({ path: request.url ?? '', headers: request.headers, body });
      switch (request.url) {
        case '/ok':
          return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { person: { name: 'Zhang San' } } }));
        case '/errors':
          return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: null, errors: [{ message: 'no such person' }] }));
        case '/down':
          return response.writeHead(503, { 'content-type': 'text/plain' }).end('http://10.0.0.7:4002 is down for maintenance');
        case '/html':
          return response.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy login</html>');
        case '/slow':
          return void setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}'), 2_000).unref();
        default:
          return response.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await dispatcher.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A pipeline whose forward stage signs like the real one would: a header bound to the body. */
const forwarded: OutgoingFetch[] = [];
const pipeline = {
  async forward(_exchange: ExchangeContext, fetch: OutgoingFetch) {
    fetch.headers.authorization = `Bearer signed-${fetch.body.length}`;
    forwarded.push(fetch);
  },
} as unknown as ExchangePipeline;

function exchange(): ExchangeContext {
  return { id: 'x-1', startedAt: new Date(), clientAddress: null, httpResponse: null, traceId: null, operationName: null, fetches: [] };
}

async function call(path: string, timeoutMs = 1_000) {
  const source = new BureauDataSource('health', `${base}${path}`, pipeline, timeoutMs, dispatcher);
  const context = { exchange: exchange() };
  const options = {
    kind: 'incoming operation',
    request: { query: 'query Q($id: ID!) { person(idNumber: $id) { name } }', variables: { id: '110101199003070011' }, operationName: 'Q' },
    context,
    incomingRequestContext: {},
  } as unknown as Parameters<BureauDataSource['process']>[0];
  try {
    return { response: await source.process(options), error: null, fetches: context.exchange.fetches };
  } catch (error) {
    return { response: null, error: error as GraphQLError, fetches: context.exchange.fetches };
  }
}

describe('BureauDataSource', () => {
  it('sends the GraphQL request with the forward stages’ headers, bound to the exact body sent, and returns the answer', async () => {
    seen.length = 0;
    forwarded.length = 0;
    const { response, fetches } = await call('/ok');

    expect(response).toEqual({ data: { person: { name: 'Zhang San' } } });
    expect(seen).toHaveLength(1);
    const body = JSON.parse(seen[0]!.body);
    expect(body).toEqual({ query: 'query Q($id: ID!) { person(idNumber: $id) { name } }', variables: { id: '110101199003070011' }, operationName: 'Q' });
    expect(seen[0]!.body).toBe(forwarded[0]!.body);
    expect(seen[0]!.headers.authorization).toBe(`Bearer signed-${seen[0]!.body.length}`);
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(fetches).toEqual([{ bureau: 'health', ok: true, durationMs: expect.any(Number) }]);
  });

  it('passes a bureau’s GraphQL errors on and records the call as not ok', async () => {
    const { response, fetches } = await call('/errors');
    expect(response?.errors).toEqual([{ message: 'no such person' }]);
    expect(fetches).toEqual([{ bureau: 'health', ok: false, durationMs: expect.any(Number) }]);
  });

  it.each([
    ['/down', 'http-503'],
    ['/html', 'invalid-response'],
    ['/slow', 'timeout'],
  ])('turns %s into BUREAU_UNAVAILABLE (%s) without the bureau’s URL or message', async (path, reason) => {
    const { error, fetches } = await call(path, 300);
    expect(error?.extensions).toEqual({ code: 'BUREAU_UNAVAILABLE', bureau: 'health', reason });
    expect(error?.message).not.toContain('10.0.0.7');
    expect(error?.message).not.toContain('127.0.0.1');
    expect(fetches).toEqual([{ bureau: 'health', ok: false, durationMs: expect.any(Number), failure: reason }]);
  });

  it('reports a bureau that refuses connections as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const source = new BureauDataSource('health', `http://127.0.0.1:${port}/graphql`, pipeline, 1_000, dispatcher);
    const context = { exchange: exchange() };
    const options = { kind: 'incoming operation', request: { query: '{ __typename }' }, context, incomingRequestContext: {} } as unknown as Parameters<BureauDataSource['process']>[0];
    await expect(source.process(options)).rejects.toMatchObject({ extensions: { code: 'BUREAU_UNAVAILABLE', bureau: 'health', reason: 'unreachable' } });
    expect(context.exchange.fetches[0]).toMatchObject({ ok: false, failure: 'unreachable' });
  });
});
