import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A grant as the gateway database holds it: one column per field, so no
 * value shifts into another column and nothing is silently cut (the traps
 * of Casbin's generic typeorm-adapter rows v0…v5, which this project does
 * not use).
 */
@Entity({ name: 'policy_grant' })
export class GrantEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 128 })
  subject!: string;

  @Column({ type: 'varchar', length: 64 })
  owner!: string;

  @Column({ type: 'varchar', length: 200 })
  target!: string;

  @Column({ name: 'max_level', type: 'varchar', length: 32 })
  maxLevel!: string;

  @Column({ type: 'varchar', length: 64 })
  purpose!: string;

  @Column({ name: 'valid_until', type: 'varchar', length: 40, nullable: true })
  validUntil!: string | null;

  @Column({ type: 'varchar', length: 8 })
  effect!: 'allow' | 'deny';

  @Column({ type: 'simple-json' })
  obligations!: string[];

  @Column({ type: 'text', nullable: true })
  basis!: string | null;

  @Column({ name: 'daily_limit', type: 'integer', nullable: true })
  dailyLimit!: number | null;

  @Column({ type: 'simple-json', default: '[]' })
  duties!: string[];

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;
}
