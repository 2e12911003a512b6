import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "Reads of one owner's fields by one consuming system for one purpose on one day (UTC)" })
export class OwnerUsageRead {
  @Field() day!: string;
  @Field() system!: string;
  @Field(() => String, { nullable: true }) department!: string | null;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @Field({ description: 'field coordinate, Type.field' }) coordinate!: string;
  @Field(() => Int, { description: 'values served in clear' }) served!: number;
  @Field(() => Int, { description: 'values served masked' }) masked!: number;
  @Field(() => Int, { description: 'values refused' }) denied!: number;
}

@ObjectType()
export class OwnerUsageField {
  @Field() coordinate!: string;
  @Field(() => String, { nullable: true }) level!: string | null;
  @Field() outcome!: string;
}

@ObjectType({ description: "An exchange that reached the owner's data, with the owner's fields of it alone" })
export class OwnerUsageExchange {
  @Field() exchangeId!: string;
  @Field() startedAt!: string;
  @Field(() => String, { nullable: true }) system!: string | null;
  @Field(() => String, { nullable: true }) department!: string | null;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @Field() decision!: string;
  @Field(() => [OwnerUsageField]) fields!: OwnerUsageField[];
}

@ObjectType({ description: "Who read an owner's data (共享调用统计): only exchanges that touched it" })
export class OwnerUsageModel {
  @Field() owner!: string;
  @Field(() => [OwnerUsageRead]) reads!: OwnerUsageRead[];
  @Field(() => [OwnerUsageExchange], { description: "the exchanges that reached the owner's most classified fields" }) gravest!: OwnerUsageExchange[];
}
