import { Catch, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { ExchangePipeline } from './exchange.pipeline.js';

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
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const recorded = await this.pipeline.refuseRequest(request, new GraphQLError('No such endpoint.', { extensions: { code: 'NOT_FOUND' } }));
    const extensions = recorded.extensions as { code?: string; exchangeId?: string };
    // LEDGER_UNAVAILABLE when even the refusal could not be recorded.
    response
      .status(extensions.code === 'LEDGER_UNAVAILABLE' ? 503 : 404)
      .json({ error: { code: extensions.code ?? 'NOT_FOUND', message: recorded.message, exchangeId: extensions.exchangeId } });
  }
}
