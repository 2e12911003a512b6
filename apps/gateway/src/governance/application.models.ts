import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { GovernanceEntry } from '#ledger';
import { DUE_STATUSES, type SharingApplicationEntity } from './sharing-application.entity.js';

export enum ApplicationBox {
  INBOX = 'INBOX',
  OUTBOX = 'OUTBOX',
  ALL = 'ALL',
}
registerEnumType(ApplicationBox, { name: 'ApplicationBox', description: "INBOX: for your department's data; OUTBOX: your department's applications" });

export enum ReviewDecisionEnum {
  ACCEPT = 'ACCEPT',
  RETURN = 'RETURN',
  REFUSE = 'REFUSE',
}
registerEnumType(ReviewDecisionEnum, {
  name: 'ReviewDecision',
  description: 'the data authority’s conformity review: ACCEPT (to the owner), RETURN (for completion, with reasons), REFUSE (with reasons)',
});

export enum RulingEnum {
  SUSTAINED = 'SUSTAINED',
  OVERTURNED = 'OVERTURNED',
}
registerEnumType(RulingEnum, { name: 'Ruling', description: 'SUSTAINED: the refusal stands, finally; OVERTURNED: the owner answers anew' });

@ObjectType({ description: 'Conditions of an approval (附条件), recorded on each grant it created.' })
export class GrantConditionsModel {
  @Field(() => [String], { description: 'clear, or mask:KIND' }) obligations!: string[];
  @Field(() => Int, { nullable: true, description: 'exchanges a day the grant may serve' }) dailyLimit!: number | null;
  @Field(() => [String], { description: 'delete-after:DAYS, no-onward-sharing, usage-logged' }) duties!: string[];
  @Field(() => String, { nullable: true }) purpose!: string | null;
}

@InputType()
export class GrantConditionsInput {
  @Field(() => [String], { nullable: true, description: 'clear, or mask:KIND' }) obligations?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'exchanges a day the grant may serve (the gateway refuses beyond)' }) dailyLimit?: number | null;
  @Field(() => [String], { nullable: true, description: 'usage duties the consumer accepts: delete-after:DAYS, no-onward-sharing, usage-logged' }) duties?: string[] | null;
  @Field(() => String, { nullable: true, description: 'narrows an application made for any purpose (*)' }) purpose?: string | null;
}

@ObjectType({ description: 'An application for conditionally shared data (有条件共享申请).' })
export class ApplicationModel {
  @Field() id!: string;
  @Field({ description: 'NEW, or RENEWAL (续期) of the grant `renews`' }) kind!: string;
  @Field(() => String, { nullable: true }) renews!: string | null;
  @Field({ description: 'the officer who applied' }) applicant!: string;
  @Field({ description: 'the applying department' }) consumer!: string;
  @Field({ description: 'who would hold the grant' }) subject!: string;
  @Field() owner!: string;
  @Field(() => [String]) targets!: string[];
  @Field() purpose!: string;
  @Field() maxLevel!: string;
  @Field({ description: 'legal basis (依据)' }) basis!: string;
  @Field(() => Int) requestedDays!: number;
  @Field({ description: 'IN_REVIEW (data authority), RETURNED (for completion), PENDING (owner), OBJECTED (data authority), APPROVED, REFUSED or WITHDRAWN' })
  status!: string;
  @Field() submittedAt!: string;
  @Field({ description: 'the current stage is due by then (working days of the working calendar)' }) dueAt!: string;
  @Field({ description: 'waiting past its deadline' }) overdue!: boolean;
  @Field(() => String, { nullable: true }) reviewedBy!: string | null;
  @Field(() => String, { nullable: true }) reviewedAt!: string | null;
  @Field(() => String, { nullable: true, description: "the data authority's reasons for a return or refusal" }) reviewReason!: string | null;
  @Field(() => String, { nullable: true }) answeredBy!: string | null;
  @Field(() => String, { nullable: true }) answeredAt!: string | null;
  @Field(() => String, { nullable: true, description: "the owner's reasons for a refusal" }) reason!: string | null;
  @Field(() => String, { nullable: true, description: "the applicant's objection (异议) to a refusal" }) objection!: string | null;
  @Field(() => String, { nullable: true, description: 'SUSTAINED or OVERTURNED' }) ruling!: string | null;
  @Field(() => String, { nullable: true }) ruledBy!: string | null;
  @Field(() => String, { nullable: true }) rulingReason!: string | null;
  @Field(() => GrantConditionsModel, { nullable: true, description: 'the conditions approved (or, for a renewal, the grant’s current ones)' }) conditions!: GrantConditionsModel | null;
  @Field(() => [String], { nullable: true, description: 'the grants an approval created or renewed' }) grantIds!: string[] | null;

  static of(application: SharingApplicationEntity, now: number): ApplicationModel {
    const conditions = application.conditions as Partial<GrantConditionsModel> | null;
    return Object.assign(new ApplicationModel(), application, {
      overdue: DUE_STATUSES.includes(application.status) && Date.parse(application.dueAt) < now,
      conditions: conditions
        ? { obligations: conditions.obligations ?? [], dailyLimit: conditions.dailyLimit ?? null, duties: conditions.duties ?? [], purpose: conditions.purpose ?? null }
        : null,
    });
  }
}

@ObjectType()
export class ApplicationStepModel {
  @Field() at!: string;
  @Field() actor!: string;
  @Field({ description: 'apply, accept, return, resubmit, approve, refuse, object, sustain, overturn, withdraw or escalate' }) action!: string;
  @Field(() => String, { nullable: true, description: 'what the step changed, as JSON' }) detail!: string | null;

  static of(entry: GovernanceEntry): ApplicationStepModel {
    return Object.assign(new ApplicationStepModel(), { at: entry.at, actor: entry.actor, action: entry.action, detail: entry.after === null ? null : JSON.stringify(entry.after) });
  }
}

@ObjectType({ description: 'What waits on whom, in the asker’s scope, and how much of it is overdue.' })
export class WorkflowSummaryModel {
  @Field(() => Int, { description: 'applications in conformity review' }) inReview!: number;
  @Field(() => Int, { description: 'applications awaiting the owner’s answer' }) pending!: number;
  @Field(() => Int, { description: 'objections awaiting a ruling' }) objected!: number;
  @Field(() => Int, { description: 'correction reports open' }) correctionsOpen!: number;
  @Field(() => Int, { description: 'of all these, past their deadline' }) overdue!: number;
}

@InputType()
export class ApplicationInput {
  @Field({ description: 'the department owning the data' }) owner!: string;
  @Field(() => [String], { description: 'Type.field, Type.*, pii:KIND or level:LEVEL of the owner' }) targets!: string[];
  @Field() purpose!: string;
  @Field(() => String, { nullable: true, description: 'your department (default) or one of its systems' }) subject?: string | null;
  @Field() maxLevel!: string;
  @Field({ description: 'legal basis (依据)' }) basis!: string;
  @Field(() => Int) requestedDays!: number;
}
