import { Module } from '@nestjs/common';
import { WitnessPublisher } from './witness.publisher.js';

/** Hands the ledger's checkpoints to its witnesses (witness.publisher.ts). */
@Module({ providers: [WitnessPublisher], exports: [WitnessPublisher] })
export class LedgerWitnessModule {}
