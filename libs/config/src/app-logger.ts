import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { z } from 'zod';
import { logFields } from './log-context.js';

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** How the gateway and the bureaus log: one JSON object per line (the default, for collectors), or for people reading a terminal. */
export const LOG_ENV = {
  CAUSEWAY_LOG_FORMAT: z.enum(LOG_FORMATS, { error: 'must be json or pretty' }).default('json'),
};

/** Nest's contexts that list modules, routes and resolvers as the application starts. */
const START_UP_INVENTORY = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'GraphQLModule', 'NestFactory']);

type JsonLogOptions = { context: string; logLevel: LogLevel; writeStreamType?: 'stdout' | 'stderr'; errorStack?: unknown; params?: Record<string, unknown>; error?: Error };

/**
 * Nest's own logger, extended only by what it cannot know: a line logged
 * while an exchange is served carries its exchange and trace ids (as JSON
 * fields `exchangeId` and `traceId`, or after the context in text).
 */
class ExchangeAwareLogger extends ConsoleLogger {
  protected override getJsonLogObject(message: unknown, options: JsonLogOptions): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const line = super.getJsonLogObject(message, options);
    const fields = logFields();
    if (!fields) return line;
    return { ...line, exchangeId: fields.exchangeId, ...(fields.traceId ? { traceId: fields.traceId } : {}) };
  }

  /** On a terminal, Nest's start-up inventory (every module and route) buries what a person needs to read; collectors (JSON) keep it. */
  protected override printMessages(
    messages: unknown[],
    context = '',
    logLevel: LogLevel = 'log',
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    if (!this.options.json && logLevel === 'log' && START_UP_INVENTORY.has(context)) return;
    super.printMessages(messages, context, logLevel, writeStreamType, errorStack, params);
  }

  protected override formatContext(context: string): string {
    const fields = logFields();
    return fields ? `${super.formatContext(context)}[exchange ${fields.exchangeId}${fields.traceId ? ` trace ${fields.traceId}` : ''}] ` : super.formatContext(context);
  }
}

/**
 * Nest's own logger in the chosen format: JSON lines with level, time,
 * pid and context (never colour codes), or readable text with colours on
 * a terminal only.
 */
export function appLogger(format: LogFormat, logLevels: LogLevel[]): ConsoleLogger {
  const pretty = format === 'pretty';
  // Readable text: one line per record (an access line is an object), colours on a terminal only.
  return new ExchangeAwareLogger({ json: !pretty, colors: pretty && Boolean(process.stdout.isTTY), logLevels, ...(pretty ? { compact: true, breakLength: Infinity } : {}) });
}
