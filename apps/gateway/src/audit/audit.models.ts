import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { LedgerVerificationRunEntity } from './verification-run.entity.js';
import type { LedgerRecordEntity } from '#ledger';

@ObjectType({ description: 'A ledger record: one exchange, governance change or admin request, sealed in its chain.' })
export class LedgerRecord {
  @Field() exchangeId!: string;
  @Field() kind!: string;
  @Field() chain!: string;
  @Field(() => Int) seq!: number;
  @Field({ description: 'SHA-256 seal over the content and the previous record' }) hash!: string;
  @Field() startedAt!: string;
  @Field(() => String, { nullable: true, description: 'calling system (exchanges), person (admin), actor (governance)' }) system!: string | null;
  @Field(() => String, { nullable: true }) department!: string | null;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @Field() decision!: string;
  @Field(() => String, { nullable: true, description: 'highest classification level served' }) maxLevel!: string | null;
  @Field(() => String, { nullable: true }) traceId!: string | null;
  @Field({ description: 'the sealed entry, as canonical JSON' }) entry!: string;

  static of(record: LedgerRecordEntity, maxLevel: string | null): LedgerRecord {
    return Object.assign(new LedgerRecord(), {
      exchangeId: record.exchangeId,
      kind: record.kind,
      chain: record.chain,
      seq: record.seq,
      hash: record.hash,
      startedAt: record.startedAt,
      system: record.system,
      department: record.department,
      purpose: record.purpose,
      decision: record.decision,
      maxLevel,
      traceId: record.traceId,
      entry: record.content,
    });
  }
}

@ObjectType()
export class LedgerRecordPage {
  @Field(() => [LedgerRecord]) nodes!: LedgerRecord[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@InputType({ description: 'Every criterion given narrows the result.' })
export class LedgerFilterInput {
  @Field(() => String, { nullable: true, description: 'ISO 8601; records that started at or after' }) from?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 8601; records that started before' }) to?: string | null;
  @Field(() => String, { nullable: true, description: 'exchange, admin, policy-change' }) kind?: string | null;
  @Field(() => String, { nullable: true }) system?: string | null;
  @Field(() => String, { nullable: true, description: "the caller's department" }) department?: string | null;
  @Field(() => String, { nullable: true, description: 'records that selected data this department owns' }) ownerDepartment?: string | null;
  @Field(() => String, { nullable: true, description: 'ALLOWED, PARTIAL, DENIED, FAILED, UNAUTHENTICATED' }) decision?: string | null;
  @Field(() => String, { nullable: true, description: 'records that served a field at this level or above' }) minLevel?: string | null;
  @Field(() => String, { nullable: true, description: 'records that selected this Type.field' }) coordinate?: string | null;
  @Field(() => String, { nullable: true }) purpose?: string | null;
  @Field(() => String, { nullable: true }) traceId?: string | null;
  @Field(() => String, { nullable: true }) exchangeId?: string | null;
}

@ObjectType()
export class DepartmentPairDay {
  @Field() day!: string;
  @Field() callerDepartment!: string;
  @Field() ownerDepartment!: string;
  @Field(() => Int) exchanges!: number;
  @Field(() => Int) fieldsServed!: number;
  @Field(() => Int) fieldsDenied!: number;
}

@ObjectType()
export class DecisionCount {
  @Field() decision!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class FieldCount {
  @Field() coordinate!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class DecisionDay {
  @Field({ description: 'UTC day, YYYY-MM-DD' }) day!: string;
  @Field() decision!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class LedgerStatisticsModel {
  @Field(() => [DepartmentPairDay]) pairs!: DepartmentPairDay[];
  @Field(() => [DecisionCount]) decisions!: DecisionCount[];
  @Field(() => [DecisionDay], { description: 'exchanges per UTC day and decision' }) days!: DecisionDay[];
  @Field(() => [FieldCount]) deniedFields!: FieldCount[];
  @Field(() => [FieldCount]) mostReadFields!: FieldCount[];
  @Field(() => [LedgerRecord]) gravest!: LedgerRecord[];
}

@ObjectType()
export class ChainBreakModel {
  @Field() chain!: string;
  @Field(() => Int) seq!: number;
  @Field() reason!: string;
  @Field() detail!: string;
}

@ObjectType({ description: 'one run of ledger verification: when, by whom, and what it found' })
export class LedgerVerification {
  @Field() ok!: boolean;
  @Field(() => Int) verified!: number;
  @Field(() => Int) chains!: number;
  @Field(() => Int) checkpoints!: number;
  @Field(() => ChainBreakModel, { nullable: true }) broken!: ChainBreakModel | null;
  @Field() startedAt!: string;
  @Field() finishedAt!: string;
  @Field({ description: 'the person who ran it, or `schedule`' }) by!: string;

  static of(run: LedgerVerificationRunEntity): LedgerVerification {
    const { ok, verified, chains, checkpoints, startedAt, finishedAt, by } = run;
    return { ok, verified, chains, checkpoints, startedAt, finishedAt, by, broken: run.broken ? (JSON.parse(run.broken) as ChainBreakModel) : null };
  }
}
