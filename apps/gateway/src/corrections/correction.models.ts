import { Field, InputType, ObjectType } from '@nestjs/graphql';
import type { CorrectionReportEntity } from './correction-report.entity.js';

@ObjectType({ description: 'A correction report (校核纠错): a served value said to be wrong, and what its owner did about it.' })
export class CorrectionModel {
  @Field() id!: string;
  @Field({ description: 'the system or officer who filed it' }) reporter!: string;
  @Field({ description: 'SYSTEM or PERSON' }) reporterKind!: string;
  @Field({ description: 'the reporting department' }) consumer!: string;
  @Field() exchangeId!: string;
  @Field({ description: 'Type.field of the value' }) coordinate!: string;
  @Field(() => String, { nullable: true, description: 'where in the answer' }) path!: string | null;
  @Field({ description: 'the department owning the value, which handles the report' }) owner!: string;
  @Field() description!: string;
  @Field() evidence!: string;
  @Field({ description: 'OPEN, ACCEPTED (corrected at the source) or REJECTED' }) status!: string;
  @Field({ description: 'whether the owner marks the field as under objection (异议标注) while open' }) marked!: boolean;
  @Field() filedAt!: string;
  @Field({ description: 'the owner handles it by then (working days)' }) dueAt!: string;
  @Field({ description: 'open past its deadline' }) overdue!: boolean;
  @Field(() => String, { nullable: true }) answeredBy!: string | null;
  @Field(() => String, { nullable: true }) answeredAt!: string | null;
  @Field(() => String, { nullable: true, description: 'what was corrected, or why the report was rejected' }) outcome!: string | null;

  static of(report: CorrectionReportEntity, now: number): CorrectionModel {
    const { subjects: _subjects, escalated: _escalated, ...shown } = report;
    return Object.assign(new CorrectionModel(), shown, { overdue: report.status === 'OPEN' && Date.parse(report.dueAt) < now });
  }
}

@InputType()
export class CorrectionInput {
  @Field({ description: 'the exchange that served the value (extensions.causeway.exchangeId)' }) exchangeId!: string;
  @Field({ description: 'its response path (person.householdAddress) or Type.field' }) field!: string;
  @Field({ description: 'what is wrong' }) description!: string;
  @Field({ description: 'the evidence (a document reference, what the consumer holds)' }) evidence!: string;
}
