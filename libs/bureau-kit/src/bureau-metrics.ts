import type { Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * A bureau's Prometheus series (prom-client), served at GET /metrics: the
 * requests it accepted from the gateway, the ones it refused by reason
 * (the closed set of exchange-token reasons), and Node's runtime metrics.
 */
export class BureauMetrics {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'causeway_bureau_requests_total',
    help: "Requests to this bureau's GraphQL endpoint, by outcome (accepted, refused).",
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly refusals = new Counter({
    name: 'causeway_bureau_refusals_total',
    help: 'Requests refused before any resolver ran, by reason (MISSING_TOKEN, BAD_AUDIENCE, BODY_MISMATCH, REPLAYED, …).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor(readonly bureau: string) {
    collectDefaultMetrics({ register: this.registry, labels: { bureau } });
  }

  /** Counts one request: accepted (null) or refused for `reason`. */
  outcome(reason: string | null): void {
    this.requests.inc({ outcome: reason === null ? 'accepted' : 'refused' });
    if (reason !== null) this.refusals.inc({ reason });
  }

  /** The Express handler of GET /metrics. */
  handler() {
    return (_req: Request, res: Response): void => {
      void this.registry.metrics().then((text) => res.status(200).type(this.registry.contentType).set('cache-control', 'no-store').send(text));
    };
  }
}
