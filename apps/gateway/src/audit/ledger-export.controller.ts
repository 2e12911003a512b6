import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { AdminContext, AdminHttpRequest } from '../admin/admin.context.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { AdminError, AdminErrorCode } from '../admin/admin.error.js';
import { AdminLedgerRecorder, httpOperation } from '../admin/admin-ledger.recorder.js';
import { LEDGER_UNAVAILABLE_MESSAGE } from '../ledger/record-before-release.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { AuditService } from './audit.service.js';

/**
 * `GET /admin/ledger/export?from=…&to=…&format=ndjson|csv` for auditors:
 * the same stream as `causeway ledger export`, read from the database page
 * by page and written as the client takes it. The export is recorded in the
 * ledger before the first byte is sent; refusals are recorded by the filter.
 */
@Controller('admin/ledger')
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class LedgerExportController {
  constructor(
    private readonly audit: AuditService,
    private readonly recorder: AdminLedgerRecorder,
  ) {}

  @Get('export')
  @Roles('auditor')
  async export(@Req() request: AdminHttpRequest, @Res() response: Response, @Query('from') from?: string, @Query('to') to?: string, @Query('format') format = 'ndjson'): Promise<void> {
    const stream = this.audit.exporter({ from, to }, format);
    const context = request.adminContext as AdminContext;
    await this.recorder.record(context, httpOperation(request), []).catch(() => {
      throw new AdminError(AdminErrorCode.LEDGER_UNAVAILABLE, LEDGER_UNAVAILABLE_MESSAGE, { requestId: context.requestId });
    });
    response.status(200);
    response.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    response.setHeader('content-disposition', `attachment; filename="causeway-ledger.${format === 'csv' ? 'csv' : 'ndjson'}"`);
    response.setHeader('x-causeway-request-id', context.requestId);
    await pipeline(stream(), response);
  }
}
