import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { TimestampStamper } from './timestamp.stamper.js';
import { WitnessPublisher } from './witness.publisher.js';

/** Hands the ledger's checkpoints to its witnesses (witness.publisher.ts) and to a time-stamping authority (timestamp.stamper.ts). */
@Module({ imports: [IdentityModule], providers: [WitnessPublisher, TimestampStamper], exports: [WitnessPublisher, TimestampStamper] })
export class LedgerWitnessModule {}
