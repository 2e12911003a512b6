import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { resolveFromCwd } from '#config';

/** Who may read GET /metrics. */
export interface MetricsConfig {
  /**
   * A file holding the bearer token a scraper must present (Prometheus's
   * `authorization` / a ServiceMonitor's `bearerTokenSecret`), re-read at
   * each scrape so that it can be rotated in place; null: no token, and
   * only callers on this host may read the metrics.
   */
  tokenFile: string | null;
}

/** Shorter tokens are refused at start: a scraper's token is a random secret, not a password to remember. */
export const MIN_METRICS_TOKEN_CHARS = 32;

/** The text of a token file, or null when it cannot be read or is too short to be a secret. */
export function readMetricsToken(file: string): string | null {
  try {
    const token = readFileSync(file, 'utf8').trim();
    return token.length >= MIN_METRICS_TOKEN_CHARS ? token : null;
  } catch {
    return null;
  }
}

/** The CAUSEWAY_METRICS_* variables. */
export const METRICS_ENV = {
  CAUSEWAY_METRICS_TOKEN_FILE: z
    .string()
    .optional()
    .superRefine((file, ctx) => {
      if (!file) return;
      const path = resolveFromCwd(file);
      if (!existsSync(path)) ctx.addIssue({ code: 'custom', message: 'no such file' });
      else if (readMetricsToken(path) === null) ctx.addIssue({ code: 'custom', message: `must hold a token of at least ${MIN_METRICS_TOKEN_CHARS} characters` });
    }),
};

export function metricsOf(values: { CAUSEWAY_METRICS_TOKEN_FILE?: string }): MetricsConfig {
  return { tokenFile: values.CAUSEWAY_METRICS_TOKEN_FILE ? resolveFromCwd(values.CAUSEWAY_METRICS_TOKEN_FILE) : null };
}
