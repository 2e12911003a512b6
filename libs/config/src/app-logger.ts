import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { z } from 'zod';

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** How the gateway and the bureaus log: one JSON object per line (the default, for collectors), or for people reading a terminal. */
export const LOG_ENV = {
  CAUSEWAY_LOG_FORMAT: z.enum(LOG_FORMATS, { error: 'must be json or pretty' }).default('json'),
};

/**
 * Nest's own logger in the chosen format: JSON lines with level, time,
 * pid and context (never colour codes), or readable text with colours on
 * a terminal only.
 */
export function appLogger(format: LogFormat, logLevels: LogLevel[]): ConsoleLogger {
  return new ConsoleLogger({ json: format === 'json', colors: format === 'pretty' && Boolean(process.stdout.isTTY), logLevels });
}
