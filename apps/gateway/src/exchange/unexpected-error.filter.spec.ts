import { describe, expect, it } from '@jest/globals';
import type { ArgumentsHost, HttpServer } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { ExchangePipeline } from './exchange.pipeline.js';
import { UnexpectedErrorFilter } from './unexpected-error.filter.js';

/** A pipeline whose refuse phase records (or, with `ledgerDown`, cannot), and keeps what it was asked to record. */
function pipeline(ledgerDown = false) {
  const recorded: GraphQLError[] = [];
  const fake = {
    refuseRequest: async (_request: unknown, error: GraphQLError) => {
      recorded.push(error);
      if (ledgerDown) return new GraphQLError('The ledger is unavailable; nothing was released.', { extensions: { code: 'LEDGER_UNAVAILABLE', exchangeId: 'x-1' } });
      return new GraphQLError(error.message, { extensions: { ...error.extensions, exchangeId: 'x-1' } });
    },
  };
  return { pipeline: fake as unknown as ExchangePipeline, recorded };
}

/** An HTTP host whose response keeps the status and body it was sent. */
function httpHost(headersSent = false) {
  const sent: { status?: number; body?: unknown; destroyed?: boolean } = {};
  const response = {
    headersSent,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
    destroy() {
      sent.destroyed = true;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getRequest: () => ({ method: 'POST', url: '/corrections', headers: {} }), getResponse: () => response }) };
  return { host: host as unknown as ArgumentsHost, sent };
}

const adapter = {} as HttpServer;

describe('an unexpected error on an HTTP route', () => {
  it('is recorded, then answered 500 with a stable code and the exchange id, nothing of the error itself', async () => {
    const { pipeline: fake, recorded } = pipeline();
    const { host, sent } = httpHost();
    await new UnexpectedErrorFilter(fake, adapter).catch(new Error('SQLITE_IOERR: disk I/O error near "110105197706270614"'), host);
    expect(recorded.map((error) => error.extensions.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(sent).toEqual({ status: 500, body: { error: { code: 'INTERNAL_SERVER_ERROR', message: 'The gateway could not complete this request.', exchangeId: 'x-1' } } });
    expect(JSON.stringify(sent.body)).not.toMatch(/SQLITE|110105/);
  });

  it('is answered 503 LEDGER_UNAVAILABLE when even the refusal cannot be recorded', async () => {
    const { host, sent } = httpHost();
    await new UnexpectedErrorFilter(pipeline(true).pipeline, adapter).catch(new TypeError('x is undefined'), host);
    expect(sent.status).toBe(503);
    expect(sent.body).toMatchObject({ error: { code: 'LEDGER_UNAVAILABLE', exchangeId: 'x-1' } });
  });

  it('cuts short a response already under way, and leaves GraphQL errors to the GraphQL servers', async () => {
    const streaming = httpHost(true);
    await new UnexpectedErrorFilter(pipeline().pipeline, adapter).catch(new Error('read failed'), streaming.host);
    expect(streaming.sent).toEqual({ destroyed: true });
    const error = new Error('in a resolver');
    const graphqlHost = { getType: () => 'graphql' } as unknown as ArgumentsHost;
    await expect(new UnexpectedErrorFilter(pipeline().pipeline, adapter).catch(error, graphqlHost)).resolves.toBe(error);
  });
});
