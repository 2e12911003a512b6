import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LedgerReader, LedgerService } from '#ledger';
import type { GatewayConfig } from '../gateway.config.js';
import type { RegistryStore } from '../registry/registry.store.js';
import { WitnessPublisher } from './witness.publisher.js';

/** A witness that keeps what it is sent: the paths and checkpoints it received. */
function startWitness(): Promise<{ server: Server; url: string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push(`${request.method} ${request.url} ${(JSON.parse(body) as { jws: string }).jws}`);
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ status: 'kept' }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, received })));
}

describe('WitnessPublisher with the bureaus as witnesses', () => {
  const witnesses: Array<Awaited<ReturnType<typeof startWitness>>> = [];
  beforeAll(async () => {
    witnesses.push(await startWitness(), await startWitness());
  });
  afterAll(async () => {
    await Promise.all(witnesses.map(({ server }) => new Promise((resolve) => server.close(resolve))));
  });

  it('hands each checkpoint to the bureaus registered at that moment: a bureau that joins is a witness from then on', async () => {
    let observe: () => void = () => undefined;
    let registered = [{ name: 'a', department: 'a', url: witnesses[0]!.url }];
    let latest = { number: 1, jws: 'checkpoint-1' };
    const publisher = new WitnessPublisher(
      { observeCheckpoints: (callback: () => void) => (observe = callback) } as unknown as LedgerService,
      { latestCheckpoint: async () => latest } as unknown as LedgerReader,
      { bureaus: async () => registered } as unknown as RegistryStore,
      { ledger: { witnesses: 'bureaus' }, bureaus: [] } as unknown as GatewayConfig,
    );
    publisher.onModuleInit();
    observe();
    await publisher.settled();
    expect(witnesses[0]!.received).toEqual(['POST /causeway/checkpoints checkpoint-1']);

    registered = [...registered, { name: 'b', department: 'b', url: witnesses[1]!.url }];
    latest = { number: 2, jws: 'checkpoint-2' };
    observe();
    await publisher.settled();
    expect(witnesses[0]!.received).toEqual(['POST /causeway/checkpoints checkpoint-1', 'POST /causeway/checkpoints checkpoint-2']);
    expect(witnesses[1]!.received).toEqual(['POST /causeway/checkpoints checkpoint-2']);
  });
});
