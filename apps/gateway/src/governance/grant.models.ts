import { grantStatus, type GrantStatus } from './grant-status.js';
import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { CatalogEntry } from '#catalog';
import type { Grant } from '#policy';
import type { PolicyVersion } from '../policy/policy-history.js';

@ObjectType({ description: 'A grant (授权): who may read which data of an owner, for what purpose, until when.' })
export class GrantModel {
  @Field() id!: string;
  @Field({ description: 'a department or one system' }) subject!: string;
  @Field({ description: 'the department owning the data' }) owner!: string;
  @Field({ description: 'Type.field, Type.*, pii:KIND or level:LEVEL' }) target!: string;
  @Field() maxLevel!: string;
  @Field({ description: 'a registered purpose, or *' }) purpose!: string;
  @Field(() => String, { nullable: true, description: 'ISO 8601; null = open-ended' }) validUntil!: string | null;
  @Field({ description: 'allow or deny' }) effect!: string;
  @Field(() => [String], { description: 'clear, or mask:KIND' }) obligations!: string[];
  @Field(() => String, { nullable: true, description: 'legal basis or application reference (依据)' }) basis!: string | null;
  @Field(() => Int, { nullable: true, description: 'exchanges a day it may serve (a condition; the gateway refuses beyond with GRANT_VOLUME_EXCEEDED)' }) dailyLimit!: number | null;
  @Field(() => [String], { description: 'usage duties the consumer accepted: delete-after:DAYS, no-onward-sharing, usage-logged' }) duties!: string[];
  @Field({ description: 'ACTIVE, EXPIRING (ends within 30 days: time to renew) or LAPSED (serves nothing any more)' }) status!: GrantStatus;

  static of(grant: Grant, now: number): GrantModel {
    return Object.assign(new GrantModel(), grant, { status: grantStatus(grant, now) });
  }
}

@InputType()
export class GrantInput {
  @Field() id!: string;
  @Field() subject!: string;
  @Field() owner!: string;
  @Field() target!: string;
  @Field() maxLevel!: string;
  @Field() purpose!: string;
  @Field(() => String, { nullable: true }) validUntil?: string | null;
  @Field({ defaultValue: 'allow' }) effect!: string;
  @Field(() => [String], { defaultValue: [] }) obligations!: string[];
  @Field(() => String, { nullable: true }) basis?: string | null;
  @Field(() => Int, { nullable: true }) dailyLimit?: number | null;
  @Field(() => [String], { defaultValue: [] }) duties!: string[];
}

@InputType()
export class GrantFilterInput {
  @Field(() => String, { nullable: true }) owner?: string | null;
  @Field(() => String, { nullable: true, description: 'the subject, or any system of this department' }) consumer?: string | null;
  @Field(() => Int, { nullable: true, description: 'only grants that end within this many days' }) expiringWithinDays?: number | null;
}

@ObjectType({ description: 'The result of a change to the grants: the policy version it made.' })
export class PolicyChangeModel {
  @Field(() => Int) version!: number;
  @Field(() => GrantModel, { nullable: true, description: 'the grant as saved; null when revoked' }) grant!: GrantModel | null;
  @Field(() => [String], { description: 'what the change leaves inconsistent though it is saved (e.g. masks of derived fields that disagree)' })
  warnings!: string[];
}

@ObjectType()
export class CatalogEntryModel {
  @Field() coordinate!: string;
  @Field() owner!: string;
  @Field() level!: string;
  @Field(() => String, { nullable: true }) pii!: string | null;
  @Field() sharing!: string;
  @Field() returnType!: string;
  @Field(() => String, { nullable: true }) description!: string | null;

  static of(entry: CatalogEntry): CatalogEntryModel {
    const { coordinate, owner, level, pii, sharing, returnType, description } = entry;
    return Object.assign(new CatalogEntryModel(), { coordinate, owner, level, pii, sharing, returnType, description });
  }
}

@InputType()
export class CatalogFilterInput {
  @Field(() => String, { nullable: true }) owner?: string | null;
  @Field(() => String, { nullable: true }) level?: string | null;
  @Field(() => String, { nullable: true }) pii?: string | null;
  @Field(() => String, { nullable: true }) sharing?: string | null;
  @Field(() => String, { nullable: true, description: 'in the coordinate or description' }) text?: string | null;
}

@ObjectType({ description: 'A policy version and the change that made it, from the ledger.' })
export class PolicyVersionModel {
  @Field(() => Int) version!: number;
  @Field() at!: string;
  @Field() actor!: string;
  @Field({ description: 'seed, put, revoke or rollback' }) action!: string;
  @Field({ description: 'the grant id changed (or the version rolled back to)' }) subject!: string;
  @Field(() => String, { nullable: true, description: 'the grant(s) before, as JSON' }) before!: string | null;
  @Field(() => String, { nullable: true, description: 'the grant(s) after, as JSON' }) after!: string | null;

  static of(step: PolicyVersion): PolicyVersionModel {
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
    return Object.assign(new PolicyVersionModel(), { ...step, before: json(step.before), after: json(step.after) });
  }
}
