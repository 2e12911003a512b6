import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A lookup by a personal-information argument, and the rule it is served under.' })
export class SimulatedLookupModel {
  @Field({ description: 'open: the caller reads the value it names in clear; counted: misses count against its daily allowance (lookupMissesPerDay)' })
  rule!: string;
  @Field() argument!: string;
  @Field({ description: 'the field whose value the argument names' }) reveals!: string;
}

@ObjectType({ description: 'One selected field, as the policy decides it for the simulated caller.' })
export class SimulatedFieldModel {
  @Field() path!: string;
  @Field() coordinate!: string;
  @Field({ description: 'allow or deny' }) outcome!: string;
  @Field(() => String, { nullable: true }) mask!: string | null;
  @Field(() => String, { nullable: true }) denial!: string | null;
  @Field(() => [String]) rules!: string[];
  @Field(() => SimulatedLookupModel, { nullable: true, description: 'set when the field looks a record up by a personal-information value' })
  lookup!: SimulatedLookupModel | null;
}

@ObjectType()
export class ImpactCallerModel {
  @Field() system!: string;
  @Field(() => Int) exchanges!: number;
}

@ObjectType()
export class ImpactFieldModel {
  @Field() coordinate!: string;
  @Field(() => Int) newlyDenied!: number;
  @Field(() => Int) newlyAllowed!: number;
  @Field(() => Int) maskChanged!: number;
}

@ObjectType({ description: 'What a proposed change would have decided differently on the exchanges the ledger recorded.' })
export class ImpactModel {
  @Field(() => Int) days!: number;
  @Field(() => Int) exchangesExamined!: number;
  @Field(() => Int) exchangesAffected!: number;
  @Field(() => Int) newlyDenied!: number;
  @Field(() => Int) newlyAllowed!: number;
  @Field(() => Int) maskChanged!: number;
  @Field(() => [ImpactCallerModel]) callers!: ImpactCallerModel[];
  @Field(() => [ImpactFieldModel]) fields!: ImpactFieldModel[];
}
