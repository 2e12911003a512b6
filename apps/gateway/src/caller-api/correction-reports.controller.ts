import { Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { CLOCK, type Clock } from '#config';
import { AdminError } from '../admin/admin.error.js';
import { CorrectionModel } from '../corrections/correction.models.js';
import { CorrectionService } from '../corrections/correction.service.js';
import { jsonBodyReader } from '../exchange/json-body.reader.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { CallerRequests } from './caller-requests.service.js';

/**
 * POST /corrections — a calling system reports that a value served in one
 * of its own exchanges is wrong (校核纠错): `{ exchangeId, field, description,
 * evidence }`, `field` being the value's response path or `Type.field`.
 * GET /corrections/:id — the system reads its report and the owner's
 * outcome. Authenticated like an exchange; refusals are recorded.
 */
@Controller('corrections')
export class CorrectionReportsController {
  constructor(
    private readonly callers: CallerRequests,
    private readonly corrections: CorrectionService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.readBody = jsonBodyReader(config.limits);
  }

  private readonly readBody: ReturnType<typeof jsonBodyReader>;

  @Post()
  @HttpCode(201)
  async file(@Req() request: Request) {
    const principal = await this.callers.principal(request);
    const body = await this.body(request);
    const text = (key: string) => (typeof body?.[key] === 'string' ? (body[key] as string) : '');
    try {
      const report = await this.corrections.file(
        { id: principal.system, kind: 'SYSTEM', department: principal.department },
        { exchangeId: text('exchangeId'), field: text('field'), description: text('description'), evidence: text('evidence') },
      );
      return CorrectionModel.of(report, this.clock.now());
    } catch (error) {
      if (error instanceof AdminError) throw await this.callers.refuse(request, 400, 'BAD_USER_INPUT', error.message, principal);
      throw error;
    }
  }

  @Get(':id')
  async read(@Param('id') id: string, @Req() request: Request) {
    const principal = await this.callers.principal(request);
    const report = /^[0-9a-f-]{36}$/.test(id) ? await this.corrections.get(null, id, principal.system) : null;
    if (!report) throw await this.callers.refuse(request, 404, 'NOT_FOUND', 'This system filed no correction report with that id.', principal);
    return CorrectionModel.of(report, this.clock.now());
  }

  /**
   * The JSON body, read here because the gateway parses no body outside its GraphQL endpoints, and read as those read
   * theirs (UTF-8 JSON only, no member named twice, …: json-body.reader.ts); a bad one is a recorded refusal.
   */
  private async body(request: Request): Promise<Record<string, unknown> | null> {
    const refusal = await this.readBody(request, request.res!);
    if (refusal) throw await this.callers.refuse(request, refusal.status, 'BAD_REQUEST', refusal.message);
    const body: unknown = request.body;
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  }
}
