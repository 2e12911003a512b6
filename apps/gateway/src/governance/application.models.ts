import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { GovernanceEntry } from '#ledger';
import type { SharingApplicationEntity } from '../governance/sharing-application.entity.js';

export enum ApplicationBox {
  INBOX = 'INBOX',
  OUTBOX = 'OUTBOX',
  ALL = 'ALL',
}
registerEnumType(ApplicationBox, { name: 'ApplicationBox', description: "INBOX: for your department's data; OUTBOX: your department's applications" });

@ObjectType({ description: 'An application for conditionally shared data (有条件共享申请).' })
export class ApplicationModel {
  @Field() id!: string;
  @Field({ description: 'the officer who applied' }) applicant!: string;
  @Field({ description: 'the applying department' }) consumer!: string;
  @Field({ description: 'who would hold the grant' }) subject!: string;
  @Field() owner!: string;
  @Field(() => [String]) targets!: string[];
  @Field() purpose!: string;
  @Field() maxLevel!: string;
  @Field({ description: 'legal basis (依据)' }) basis!: string;
  @Field(() => Int) requestedDays!: number;
  @Field({ description: 'PENDING, APPROVED, REFUSED or WITHDRAWN' }) status!: string;
  @Field() submittedAt!: string;
  @Field({ description: 'the answer is due by then (working days)' }) dueAt!: string;
  @Field({ description: 'pending past its deadline' }) overdue!: boolean;
  @Field(() => String, { nullable: true }) answeredBy!: string | null;
  @Field(() => String, { nullable: true }) answeredAt!: string | null;
  @Field(() => String, { nullable: true, description: 'why it was refused' }) reason!: string | null;
  @Field(() => [String], { nullable: true, description: 'the grants an approval created' }) grantIds!: string[] | null;

  static of(application: SharingApplicationEntity, now: number): ApplicationModel {
    return Object.assign(new ApplicationModel(), application, { overdue: application.status === 'PENDING' && Date.parse(application.dueAt) < now });
  }
}

@ObjectType()
export class ApplicationStepModel {
  @Field() at!: string;
  @Field() actor!: string;
  @Field({ description: 'apply, approve, refuse or withdraw' }) action!: string;
  @Field(() => String, { nullable: true, description: 'what the step changed, as JSON' }) detail!: string | null;

  static of(entry: GovernanceEntry): ApplicationStepModel {
    return Object.assign(new ApplicationStepModel(), { at: entry.at, actor: entry.actor, action: entry.action, detail: entry.after === null ? null : JSON.stringify(entry.after) });
  }
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
