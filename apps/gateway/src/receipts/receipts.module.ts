import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { CallerRecordsController } from './caller-records.controller.js';

/** What a calling system can check of its own exchanges: its records, against the receipts it was given. */
@Module({ imports: [IdentityModule], controllers: [CallerRecordsController] })
export class ReceiptsModule {}
