import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { IssuerDefinition, SystemDefinition } from '#identity';

@ObjectType({ description: 'A calling system registered with the gateway: who it is, what it may read and declare, how it proves itself.' })
export class SystemModel {
  @Field({ description: 'department.system' }) id!: string;
  @Field() department!: string;
  @Field({ description: 'the highest classification level it may ever read' }) clearance!: string;
  @Field(() => [String], { description: 'the purposes it may declare' }) purposes!: string[];
  @Field(() => String, { nullable: true, description: 'its public keys (a JWK set, as JSON); null with jwksUrl or development keys' }) jwks!: string | null;
  @Field(() => String, { nullable: true, description: 'where it publishes its public keys' }) jwksUrl!: string | null;
  @Field(() => Int, { nullable: true, description: "requests per rate window; null: the gateway's default" }) rateLimit!: number | null;
  @Field(() => String, { nullable: true, description: "operation limits of its own (JSON); null: the gateway's defaults" }) limits!: string | null;
  @Field({ description: 'only operations registered for it (trusted documents) are served' }) registeredOperationsOnly!: boolean;
  @Field(() => Int, { nullable: true }) piiValuesPerDay!: number | null;
  @Field(() => Int, { nullable: true }) lookupMissesPerDay!: number | null;

  static of(system: SystemDefinition): SystemModel {
    return Object.assign(new SystemModel(), {
      id: system.id,
      department: system.department,
      clearance: system.clearance,
      purposes: system.purposes,
      jwks: system.jwks ? JSON.stringify(system.jwks) : null,
      jwksUrl: system.jwksUrl ?? null,
      rateLimit: system.rateLimit ?? null,
      limits: system.limits ? JSON.stringify(system.limits) : null,
      registeredOperationsOnly: system.registeredOperationsOnly ?? false,
      piiValuesPerDay: system.piiValuesPerDay ?? null,
      lookupMissesPerDay: system.lookupMissesPerDay ?? null,
    });
  }
}

@InputType({ description: 'Operation limits of a system of its own, over the gateway defaults.' })
export class SystemLimitsInput {
  @Field(() => Int, { nullable: true }) depth?: number | null;
  @Field(() => Int, { nullable: true }) rootFields?: number | null;
  @Field(() => Int, { nullable: true }) aliases?: number | null;
  @Field(() => Int, { nullable: true }) fields?: number | null;
  @Field(() => Int, { nullable: true }) directives?: number | null;
  @Field(() => Int, { nullable: true }) records?: number | null;
}

@InputType()
export class SystemInput {
  @Field({ description: 'department.system' }) id!: string;
  @Field() department!: string;
  @Field() clearance!: string;
  @Field(() => [String]) purposes!: string[];
  @Field(() => String, { nullable: true, description: 'a JWK set, as JSON' }) jwks?: string | null;
  @Field(() => String, { nullable: true }) jwksUrl?: string | null;
  @Field(() => Int, { nullable: true }) rateLimit?: number | null;
  @Field(() => SystemLimitsInput, { nullable: true }) limits?: SystemLimitsInput | null;
  @Field({ defaultValue: false }) registeredOperationsOnly!: boolean;
  @Field(() => Int, { nullable: true }) piiValuesPerDay?: number | null;
  @Field(() => Int, { nullable: true }) lookupMissesPerDay?: number | null;
}

@ObjectType({ description: 'A purpose (用途) a system may declare for an exchange.' })
export class PurposeModel {
  @Field() name!: string;
  @Field() description!: string;
}

@ObjectType({ description: 'The result of a registry change: the registry version it made (every replica serves it within a second).' })
export class RegistryChangeModel {
  @Field(() => Int) version!: number;
}

@InputType()
export class PersonInput {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => [String]) roles!: string[];
  @Field(() => String, { nullable: true }) department?: string | null;
  @Field(() => String, { nullable: true }) issuer?: string | null;
}

@ObjectType({ description: 'An external OpenID Connect issuer the gateway trusts: for which systems, and whether for people.' })
export class IssuerModel {
  @Field({ description: 'exactly the iss its tokens carry' }) issuer!: string;
  @Field(() => String, { nullable: true, description: "aud its access tokens carry (default: the gateway's)" }) audience!: string | null;
  @Field({ description: 'the claim naming the registered system' }) systemClaim!: string;
  @Field(() => [String], { description: 'systems it may vouch for: ids, department.*, or *' }) systems!: string[];
  @Field(() => String, { nullable: true, description: 'the claim naming a registered person; null: it vouches for no person' }) personClaim!: string | null;
  @Field(() => [String], { nullable: true }) algorithms!: string[] | null;
  @Field(() => Int) maxTokenLifetimeS!: number;
  @Field({ description: 'refuse (one exchange per token) or allow' }) tokenReuse!: string;

  static of(definition: IssuerDefinition): IssuerModel {
    return Object.assign(new IssuerModel(), { ...definition, audience: definition.audience ?? null, personClaim: definition.personClaim ?? null, algorithms: definition.algorithms ?? null });
  }
}

@InputType()
export class IssuerInput {
  @Field() issuer!: string;
  @Field(() => String, { nullable: true }) audience?: string | null;
  @Field(() => String, { nullable: true }) systemClaim?: string | null;
  @Field(() => [String], { nullable: true }) systems?: string[] | null;
  @Field(() => String, { nullable: true }) personClaim?: string | null;
  @Field(() => [String], { nullable: true }) algorithms?: string[] | null;
  @Field(() => Int, { nullable: true }) maxTokenLifetimeS?: number | null;
  @Field(() => String, { nullable: true }) tokenReuse?: string | null;
}
