import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One selected field, as the policy decides it for the simulated caller.' })
export class SimulatedFieldModel {
  @Field() path!: string;
  @Field() coordinate!: string;
  @Field({ description: 'allow or deny' }) outcome!: string;
  @Field(() => String, { nullable: true }) mask!: string | null;
  @Field(() => String, { nullable: true }) denial!: string | null;
  @Field(() => [String]) rules!: string[];
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
