import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A purpose a calling system may declare (用途), as the gateway database holds it. */
@Entity({ name: 'purpose' })
export class PurposeEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'text' })
  description!: string;
}
