import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminError } from '../admin/admin.error.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import { LedgerVerification } from './audit.models.js';
import { AuditService } from './audit.service.js';
import { ExchangeReceiptModel, ReceiptCheckModel } from './receipt.models.js';
import { VerificationRuns } from './verification-runs.service.js';

const MAX_RUNS = 100;

/** The auditors' evidence checks: the whole ledger verified (and when it last was), and receipts. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class EvidenceResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly runs: VerificationRuns,
  ) {}

  @Query(() => LedgerVerification, {
    description: 'the whole ledger verified now: chains re-computed, checkpoints checked against the keys this gateway publishes; the run is noted (see ledgerVerifications)',
  })
  @Roles('auditor')
  async ledgerVerification(@Context() context: AdminContext): Promise<LedgerVerification> {
    return LedgerVerification.of(await this.runs.run(context.person.id));
  }

  @Query(() => [LedgerVerification], { description: 'the latest runs of ledger verification (on demand and scheduled), newest first' })
  @Roles('auditor')
  async ledgerVerifications(@Args('last', { type: () => Int, defaultValue: 10 }) last: number): Promise<LedgerVerification[]> {
    if (last < 1 || last > MAX_RUNS) throw AdminError.badInput(`last must be between 1 and ${MAX_RUNS}`, 'last');
    return (await this.runs.latest(last)).map((run) => LedgerVerification.of(run));
  }

  @Query(() => ExchangeReceiptModel, { nullable: true, description: "an exchange's receipt, signed for its record, and checked against the ledger" })
  @Roles('auditor')
  async exchangeReceipt(@Args('exchangeId') exchangeId: string): Promise<ExchangeReceiptModel | null> {
    const found = await this.audit.receiptOf(exchangeId);
    return found && { receipt: found.receipt, check: ReceiptCheckModel.of(found.check) };
  }

  @Query(() => ReceiptCheckModel, { description: "a receipt a calling system presents, checked: the gateway's signature, the record it names, the chain up to the checkpoint that seals it" })
  @Roles('auditor')
  async checkReceipt(@Args('receipt') receipt: string): Promise<ReceiptCheckModel> {
    return ReceiptCheckModel.of(await this.audit.checkReceipt(receipt));
  }
}
