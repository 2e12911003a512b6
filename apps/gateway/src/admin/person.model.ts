import { Field, ObjectType } from '@nestjs/graphql';
import type { PersonDefinition } from '#identity';

@ObjectType({ description: 'A person using the admin API, with the roles the registry gives them (never a token).' })
export class PersonModel {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => [String], { description: 'auditor, officer, administrator' }) roles!: string[];
  @Field(() => String, { nullable: true, description: 'the department an officer acts for' }) department!: string | null;
  @Field(() => String, { nullable: true, description: 'the OIDC issuer that vouches for them; null: development tokens only' }) issuer?: string | null;

  static of(person: PersonDefinition): PersonModel {
    return Object.assign(new PersonModel(), { ...person, department: person.department ?? null, issuer: person.issuer ?? null });
  }
}
