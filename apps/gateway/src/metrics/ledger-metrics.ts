import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { LedgerService } from '#ledger';
import { GatewayMetrics } from './gateway-metrics.service.js';

/** The ledger's own series: each group commit (duration, size), and the records waiting, read at each scrape. */
@Injectable()
export class LedgerMetrics implements OnModuleInit {
  constructor(
    private readonly ledger: LedgerService,
    private readonly metrics: GatewayMetrics,
  ) {}

  onModuleInit(): void {
    const ledger = this.ledger;
    new Gauge({
      name: 'causeway_ledger_queue_depth',
      help: 'Ledger records waiting for their commit on this replica.',
      registers: [this.metrics.registry],
      collect() {
        this.set(ledger.queueDepth);
      },
    });
    ledger.observeCommits((records, seconds) => {
      this.metrics.ledgerCommit.observe(seconds);
      this.metrics.ledgerGroupSize.observe(records);
    });
  }
}
