import { Catch, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ExchangePipeline } from './exchange.pipeline.js';
import { httpRefusal } from './http-refusal.js';

/**
 * A request no route answers (an unknown path, or a method a path does not
 * take) gets what every refusal gets: a stable code and an exchange id,
 * recorded in the ledger first, instead of the framework's own 404 body.
 * Routes that refuse on purpose answer with their own errors, not with
 * NotFoundException, so only the router's "no route" reaches here.
 */
@Catch(NotFoundException)
export class UnknownRouteFilter implements ExceptionFilter<NotFoundException> {
  constructor(private readonly pipeline: ExchangePipeline) {}

  async catch(_exception: NotFoundException, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const { status, body } = await httpRefusal(this.pipeline, http.getRequest<Request>(), 404, 'NOT_FOUND', 'No such endpoint.');
    http.getResponse<Response>().status(status).json(body);
  }
}
