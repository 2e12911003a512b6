import { Controller, Get, HttpException, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AuthenticationError, PersonAuthenticator } from '#identity';
import { EXPORT_FORMATS, exportLedger, type ExportFormat } from '../ledger/ledger.export.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { AdminLedgerRecorder } from './admin-ledger.recorder.js';

/**
 * `GET /admin/ledger/export?from=…&to=…&format=ndjson|csv` for auditors:
 * the same stream as `causeway ledger export`, read from the database page
 * by page and written as the client takes it. The export is recorded in the
 * ledger before the first byte is sent.
 */
@Controller('admin/ledger')
export class LedgerExportController {
  constructor(
    private readonly people: PersonAuthenticator,
    private readonly recorder: AdminLedgerRecorder,
    private readonly ledger: LedgerService,
  ) {}

  @Get('export')
  async export(
    @Req() request: Request,
    @Res() response: Response,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('format') format = 'ndjson',
  ): Promise<void> {
    let person;
    try {
      person = await this.people.authenticate(request.headers.authorization);
    } catch (error) {
      throw new HttpException({ code: 'UNAUTHENTICATED', reason: error instanceof AuthenticationError ? error.reason : 'INTERNAL' }, 401);
    }
    const context = this.recorder.open(person, request);
    const refuse = async (status: number, code: string, message: string) => {
      await this.recorder.record(context, { name: 'ledgerExport', text: request.originalUrl }, [code]).catch(() => undefined);
      throw new HttpException({ code, message }, status);
    };
    if (!person.roles.includes('auditor')) await refuse(403, 'FORBIDDEN', 'This needs the role auditor.');
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) await refuse(400, 'BAD_USER_INPUT', `format must be ${EXPORT_FORMATS.join(' or ')}`);
    for (const [name, value] of [['from', from], ['to', to]] as const) {
      if (value !== undefined && Number.isNaN(Date.parse(value))) await refuse(400, 'BAD_USER_INPUT', `${name} must be an ISO 8601 instant`);
    }
    try {
      await this.recorder.record(context, { name: 'ledgerExport', text: request.originalUrl }, []);
    } catch {
      throw new HttpException({ code: 'LEDGER_UNAVAILABLE', message: 'The ledger is unavailable: nothing is released until this request can be recorded.' }, 503);
    }
    response.status(200);
    response.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    response.setHeader('content-disposition', `attachment; filename="causeway-ledger.${format === 'csv' ? 'csv' : 'ndjson'}"`);
    response.setHeader('x-causeway-request-id', context.requestId);
    await pipeline(exportLedger(this.ledger.store, { from, to }, format as ExportFormat), response);
  }
}
