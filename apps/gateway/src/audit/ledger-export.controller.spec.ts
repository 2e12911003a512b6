import { describe, expect, it } from '@jest/globals';
import type { Response } from 'express';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { AdminHttpRequest } from '../admin/admin.context.js';
import type { AdminLedgerRecorder } from '../admin/admin-ledger.recorder.js';
import type { AuditService } from './audit.service.js';
import { LedgerExportController } from './ledger-export.controller.js';

/** An export that never ends on its own: rows for as long as someone reads them. */
function endlessExport(): Readable {
  let row = 0;
  return new Readable({
    read() {
      this.push(`{"seq":${++row},"padding":"${'x'.repeat(1000)}"}\n`);
    },
  });
}

describe('LedgerExportController', () => {
  it('a client that stops reading mid-stream ends the export quietly: no error after the export was recorded', async () => {
    const recorded: string[] = [];
    const audit = { exporter: () => endlessExport } as unknown as AuditService;
    const recorder = { record: async (context: { requestId: string }) => void recorded.push(context.requestId) } as unknown as AdminLedgerRecorder;
    const controller = new LedgerExportController(audit, recorder);
    let exported: Promise<void> | undefined;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const request = Object.assign(req, { adminContext: { requestId: 'r-1' } }) as unknown as AdminHttpRequest;
      const response = Object.assign(res, { status: (code: number) => ((res.statusCode = code), response) }) as unknown as Response;
      exported = controller.export(request, response, { format: 'ndjson' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        const client = httpRequest({ port, host: '127.0.0.1', path: '/admin/ledger/export' }, (answer) => {
          expect(answer.statusCode).toBe(200);
          // One chunk, then the auditor's client goes away.
          answer.once('data', () => {
            client.destroy();
            resolve();
          });
        });
        client.on('error', (error) => (client.destroyed ? undefined : reject(error)));
        client.end();
      });
      await expect(exported).resolves.toBeUndefined();
      expect(recorded).toEqual(['r-1']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
