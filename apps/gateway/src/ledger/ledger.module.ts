import { Module } from '@nestjs/common';
import { SigningModule } from '../signing/signing.module.js';
import { LedgerService } from './ledger.service.js';

/** The exchange ledger: this gateway's chain, its group-commit writer and checkpoints. */
@Module({ imports: [SigningModule], providers: [LedgerService], exports: [LedgerService] })
export class LedgerModule {}
