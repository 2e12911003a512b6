import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One year of the working calendar (工作日历): its weekday holidays and worked weekend days, as `YYYY-MM-DD` in the deployment's time zone. */
@Entity({ name: 'work_calendar_year' })
export class WorkCalendarYearEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'simple-json' })
  holidays!: string[];

  @Column({ type: 'simple-json' })
  workdays!: string[];

  /** The notice the dates come from. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  source!: string | null;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}
