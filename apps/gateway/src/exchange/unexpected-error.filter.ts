import { Catch, HttpException, Logger, type ArgumentsHost, type HttpServer } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { ExchangePipeline } from './exchange.pipeline.js';
import { httpRefusal } from './http-refusal.js';

/**
 * An error no route expected (a database that fails under a correction
 * report, a bug) on an HTTP route outside GraphQL gets what every refusal
 * gets — recorded in the ledger first, then `{ error: { code:
 * INTERNAL_SERVER_ERROR, message, exchangeId } }` with status 500 (503
 * LEDGER_UNAVAILABLE when even that cannot be recorded) — never the
 * framework's own body or a stack trace. The error itself goes to the log,
 * by class and exchange id only: its message may quote a value.
 * HttpExceptions (the routes' own refusals) keep the framework's handling;
 * GraphQL errors are left to the GraphQL servers.
 */
@Catch()
export class UnexpectedErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('UnexpectedError');

  constructor(
    private readonly pipeline: ExchangePipeline,
    adapter: HttpServer,
  ) {
    super(adapter);
  }

  override async catch(exception: unknown, host: ArgumentsHost): Promise<unknown> {
    if (host.getType() !== 'http') return exception;
    if (exception instanceof HttpException) return super.catch(exception, host);
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const { status, body } = await httpRefusal(this.pipeline, http.getRequest<Request>(), 500, 'INTERNAL_SERVER_ERROR', 'The gateway could not complete this request.');
    this.logger.error(`unexpected ${exception instanceof Error ? exception.constructor.name : typeof exception} on an HTTP route (exchange ${body.error.exchangeId ?? 'unrecorded'})`);
    // A response already under way (a streamed export) can only be cut short.
    if (response.headersSent) response.destroy();
    else response.status(status).json(body);
    return undefined;
  }
}
