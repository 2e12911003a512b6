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
 * The routes' own refusals (HttpExceptions with a coded body) keep the
 * framework's handling; the framework's own (HttpExceptions without one)
 * are coded and recorded; GraphQL errors are left to the GraphQL servers.
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
    // The routes' own refusals carry `{ error: { code } }` and were recorded: the framework answers them as they are.
    if (exception instanceof HttpException && coded(exception)) return super.catch(exception, host);
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      // The framework's own refusal, before any route ran (a route parameter that is not valid percent-encoding, which
      // Express's router refuses): coded and recorded like every refusal, without the framework's message.
      const { status, body } = await httpRefusal(this.pipeline, http.getRequest<Request>(), exception.getStatus(), 'BAD_REQUEST', 'The request is malformed.');
      response.status(status).json(body);
      return undefined;
    }
    const { status, body } = await httpRefusal(this.pipeline, http.getRequest<Request>(), 500, 'INTERNAL_SERVER_ERROR', 'The gateway could not complete this request.');
    this.logger.error(`unexpected ${exception instanceof Error ? exception.constructor.name : typeof exception} on an HTTP route (exchange ${body.error.exchangeId ?? 'unrecorded'})`);
    // A response already under way (a streamed export) can only be cut short.
    if (response.headersSent) response.destroy();
    else response.status(status).json(body);
    return undefined;
  }
}

/** Whether an HttpException is one of the gateway's own answers (`{ error: { code } }`), not the framework's. */
function coded(exception: HttpException): boolean {
  const body = exception.getResponse() as { error?: { code?: unknown } } | string;
  return typeof body === 'object' && typeof body.error?.code === 'string';
}
