import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { OwnerUsageExchange } from './owner-usage.models.js';

@InputType({ description: 'A person or enterprise: the entity type and its key (an ID number, a unified social credit code)' })
export class DataSubjectInput {
  @Field({ description: 'entity type, e.g. Person or Enterprise' }) type!: string;
  @Field({ description: "the entity's key, e.g. an ID number" }) key!: string;
}

@ObjectType({ description: 'Exchanges that released data about one subject, newest first' })
export class SubjectExchangePage {
  @Field(() => [OwnerUsageExchange], { description: 'each with the fields it served (for an officer: their department’s alone)' }) nodes!: OwnerUsageExchange[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}
