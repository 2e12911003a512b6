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
  async export(@Req() request: AdminHttpRequest, @Res() response: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const { from, to, format } = exportParameters(query);
    const stream = this.audit.exporter({ from, to }, format);
    const context = request.adminContext as AdminContext;
    await this.recorder.record(context, httpOperation(request), []).catch(() => {
      throw new AdminError(AdminErrorCode.LEDGER_UNAVAILABLE, LEDGER_UNAVAILABLE_MESSAGE, { requestId: context.requestId });
    });
    response.status(200);
    response.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    response.setHeader('content-disposition', `attachment; filename="causeway-ledger.${format === 'csv' ? 'csv' : 'ndjson'}"`);
    response.setHeader('x-causeway-request-id', context.requestId);
    try {
      await pipeline(stream(), response);
    } catch (error) {
      // The auditor's client went away mid-stream: the export was recorded before its first byte, and a cut stream is
      // its client's choice, not the gateway's failure (nor a 500 in the ledger, nor an error in the log).
      if (request.destroyed || response.destroyed || (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      throw error;
    }
  }
}

/** The parameters an export takes; any other, and any given as a list or object (`from[]=`), is refused rather than ignored. */
const EXPORT_PARAMETERS = ['from', 'to', 'format'] as const;

function exportParameters(query: Record<string, unknown>): { from?: string; to?: string; format: string } {
  for (const [name, value] of Object.entries(query)) {
    if (!(EXPORT_PARAMETERS as readonly string[]).includes(name)) {
      throw AdminError.badInput(`unknown parameter "${name.slice(0, 64)}": an export takes ${EXPORT_PARAMETERS.join(', ')}`, name.slice(0, 64));
    }
    if (typeof value !== 'string') throw AdminError.badInput(`${name} must be given once, as one value`, name);
  }
  return { from: query.from as string | undefined, to: query.to as string | undefined, format: (query.format as string | undefined) ?? 'ndjson' };
}
