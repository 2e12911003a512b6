import { describe, expect, it } from '@jest/globals';
import { NotFoundException, type ExecutionContext } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayConfig } from '../gateway.config.js';
import { MetricsAccessGuard, mayScrape } from './metrics-access.guard.js';

const TOKEN = 'k'.repeat(20) + 'Q9-zX_7mN2pL4rT8vB1cD3e';
const OTHER = 'k'.repeat(20) + 'Q9-zX_7mN2pL4rT8vB1cD3f';

function request(remoteAddress: string, headers: Record<string, string> = {}, rawHeaders = Object.entries(headers).flat()): IncomingMessage {
  return { socket: { remoteAddress }, headers, rawHeaders } as unknown as IncomingMessage;
}

function tokenFile(token: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'causeway-metrics-')), 'token');
  writeFileSync(file, `${token}\n`);
  return file;
}

describe('who may read GET /metrics', () => {
  it('without a token file: callers on this host only, by the connection’s address, whatever headers say', () => {
    const open = { tokenFile: null };
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect([address, mayScrape(request(address), open)]).toEqual([address, true]);
    for (const address of ['10.0.3.17', '::ffff:10.0.3.17', '192.168.1.2', ''])
      expect([address, mayScrape(request(address, { 'x-forwarded-for': '127.0.0.1', host: 'localhost' }), open)]).toEqual([address, false]);
  });

  it('with a token file: only that token as a bearer, from anywhere — this host included', () => {
    const config = { tokenFile: tokenFile(TOKEN) };
    expect(mayScrape(request('10.0.3.17', { authorization: `Bearer ${TOKEN}` }), config)).toBe(true);
    expect(mayScrape(request('10.0.3.17', { authorization: `bearer ${TOKEN}` }), config)).toBe(true);
    // Two Authorization lines (Node keeps the first): no token, even when the first is the right one.
    const twice = ['authorization', `Bearer ${TOKEN}`, 'Authorization', 'Bearer other'];
    expect(mayScrape(request('10.0.3.17', { authorization: `Bearer ${TOKEN}` }, twice), config)).toBe(false);
    for (const authorization of [undefined, `Bearer ${OTHER}`, `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, `Bearer ${TOKEN} ${TOKEN}`, TOKEN, 'Bearer ']) {
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      expect([authorization, mayScrape(request('127.0.0.1', headers), config)]).toEqual([authorization, false]);
    }
  });

  it('reads the token file at each scrape: a rotated token takes over at once; a missing or emptied file lets nobody in', () => {
    const file = tokenFile(TOKEN);
    const config = { tokenFile: file };
    const scrape = (token: string) => mayScrape(request('10.0.3.17', { authorization: `Bearer ${token}` }), config);
    expect(scrape(TOKEN)).toBe(true);
    writeFileSync(file, OTHER);
    expect([scrape(TOKEN), scrape(OTHER)]).toEqual([false, true]);
    writeFileSync(file, '\n');
    expect([scrape(''), scrape(OTHER)]).toEqual([false, false]);
    rmSync(file);
    expect(scrape(OTHER)).toBe(false);
  });

  it('answers anyone refused as a path that does not exist', () => {
    const guard = new MetricsAccessGuard({ metrics: { tokenFile: null } } as GatewayConfig);
    const context = (address: string) => ({ switchToHttp: () => ({ getRequest: () => request(address) }) }) as unknown as ExecutionContext;
    expect(guard.canActivate(context('127.0.0.1'))).toBe(true);
    expect(() => guard.canActivate(context('10.0.3.17'))).toThrow(NotFoundException);
  });
});
