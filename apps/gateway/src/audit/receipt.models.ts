import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { ReceiptCheck } from '#ledger';

@ObjectType()
export class ReceiptCheckpointModel {
  @Field(() => Int) number!: number;
  @Field(() => Int, { description: "where the checkpoint left the record's chain" }) seq!: number;
  @Field() hash!: string;
}

@ObjectType({ description: 'what a receipt proved: its signature, the record it names, the chain up to the checkpoint that seals it' })
export class ReceiptCheckModel {
  @Field() ok!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'the first step that failed: RECEIPT_SIGNATURE, RECORD_MISSING, RECORD_DIFFERS, CHAIN_BROKEN, CHECKPOINT_SIGNATURE, CHECKPOINT_MISMATCH',
  })
  failure!: string | null;
  @Field() detail!: string;
  @Field(() => String, { nullable: true, description: 'what the receipt states (null when its signature does not hold)' }) exchangeId!: string | null;
  @Field(() => String, { nullable: true }) chain!: string | null;
  @Field(() => Int, { nullable: true }) seq!: number | null;
  @Field(() => String, { nullable: true }) hash!: string | null;
  @Field(() => String, { nullable: true }) system!: string | null;
  @Field(() => String, { nullable: true }) decision!: string | null;
  @Field(() => String, { nullable: true, description: 'when it was issued (ISO 8601)' }) issuedAt!: string | null;
  @Field(() => ReceiptCheckpointModel, { nullable: true }) checkpoint!: ReceiptCheckpointModel | null;

  static of(check: ReceiptCheck): ReceiptCheckModel {
    const receipt = check.receipt;
    return {
      ok: check.ok,
      failure: check.failure,
      detail: check.detail,
      exchangeId: receipt?.exchangeId ?? null,
      chain: receipt?.chain ?? null,
      seq: receipt?.seq ?? null,
      hash: receipt?.hash ?? null,
      system: receipt?.system ?? null,
      decision: receipt?.decision ?? null,
      issuedAt: receipt ? new Date(receipt.issuedAt * 1000).toISOString() : null,
      checkpoint: check.checkpoint,
    };
  }
}

@ObjectType()
export class ExchangeReceiptModel {
  @Field({ description: "the receipt signed for the record now: a compact JWS, as the caller's copy (which differs only in its issue time)" }) receipt!: string;
  @Field(() => ReceiptCheckModel) check!: ReceiptCheckModel;
}
