import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A person using the admin API, with the roles people.yaml gives them.' })
export class PersonModel {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => [String]) roles!: string[];
  @Field(() => String, { nullable: true }) department!: string | null;
}
