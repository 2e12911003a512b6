import { HeaderMap } from '@apollo/server';
import { describe, expect, it, jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { SubjectKeyring, type LedgerEntry, type LedgerService } from '#ledger';
import type { GatewayConfig } from '../../gateway.config.js';
import type { GatewayMetrics } from '../../metrics/gateway-metrics.service.js';
import type { SupergraphService } from '../../supergraph/supergraph.service.js';
import type { ExchangeContext } from '../exchange.context.js';
import type { ExchangeRequest } from '../exchange.phases.js';
import { LedgerStage } from './ledger.stage.js';

/** A response that has not finished sending; `close` is what the socket does when the caller goes away. */
function pendingResponse(): ServerResponse & EventEmitter {
  return Object.assign(new EventEmitter(), { closed: false, writableFinished: false }) as unknown as ServerResponse & EventEmitter;
}

async function released(response: ServerResponse) {
  const appended: LedgerEntry[] = [];
  const ledger = {
    append: jest.fn(async (entry: LedgerEntry) => (appended.push(entry), { chain: 'c', seq: appended.length, hash: 'h' })),
    receipt: jest.fn(async () => 'header.payload.signature'),
  } as unknown as LedgerService;
  const keyring = SubjectKeyring.parse(JSON.stringify({ keys: [SubjectKeyring.generate()] }), 'test');
  const metrics = { ledgerWait: { observe: () => undefined } } as unknown as GatewayMetrics;
  const stage = new LedgerStage(ledger, { catalog: null } as unknown as SupergraphService, { ledger: { recordVariables: false } } as unknown as GatewayConfig, metrics, keyring);
  const exchange: ExchangeContext = { id: 'x-1', startedAt: new Date(), clientAddress: null, httpResponse: response, traceId: null, operationName: null, fetches: [] };
  const request = {
    request: { variables: {} },
    response: { body: { kind: 'single', singleResult: { data: { person: { gender: 'MALE' } } } }, http: { headers: new HeaderMap(), status: undefined } },
  } as unknown as ExchangeRequest;
  await stage.record(exchange, request);
  return appended;
}

describe('an answer recorded as released', () => {
  it('whose connection closes before it was sent whole gets a second record saying it was not delivered', async () => {
    const response = pendingResponse();
    const appended = await released(response);
    expect(appended.map((entry) => entry.kind === 'exchange' && [entry.exchangeId, entry.decision])).toEqual([['x-1', 'ALLOWED']]);
    response.emit('close');
    await new Promise((resolve) => setImmediate(resolve));
    expect(appended.map((entry) => entry.kind === 'exchange' && [entry.exchangeId, entry.decision, entry.errorCodes])).toEqual([
      ['x-1', 'ALLOWED', []],
      ['x-1.undelivered', 'FAILED', ['UNDELIVERED']],
    ]);
  });

  it('that was sent whole gets no second record', async () => {
    const response = pendingResponse();
    const appended = await released(response);
    Object.assign(response, { writableFinished: true });
    response.emit('close');
    await new Promise((resolve) => setImmediate(resolve));
    expect(appended).toHaveLength(1);
  });

  it('whose caller had already gone when it was recorded is recorded as undelivered at once', async () => {
    const response = Object.assign(pendingResponse(), { closed: true });
    const appended = await released(response);
    await new Promise((resolve) => setImmediate(resolve));
    expect(appended.map((entry) => entry.exchangeId)).toEqual(['x-1', 'x-1.undelivered']);
  });
});
