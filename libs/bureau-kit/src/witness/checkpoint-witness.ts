import type { DataSource } from 'typeorm';
import { checkpointHash, verifyCheckpoint } from '#ledger';
import type { JWTVerifyGetKey } from 'jose';
import { WitnessedCheckpointEntity } from './witnessed-checkpoint.entity.js';

/** What the witness answers a checkpoint offered to it. */
export type WitnessVerdict =
  { status: 'kept' | 'known'; number: number } | { status: 'gap'; latest: number } | { status: 'fork'; number: number; detail: string } | { status: 'invalid'; detail: string };

/**
 * A bureau as a witness of the gateway's ledger: it keeps every checkpoint
 * it is given that the gateway signed and that extends the last one it kept
 * (number + 1, linked to its hash), in its own database. A checkpoint that
 * contradicts what it kept (another checkpoint under a number it holds, or
 * one not linked to its predecessor) is refused as a fork and logged: the
 * ledger was rewritten after this witness saw it. A gap is answered with the
 * last number kept, so the gateway sends what is missing.
 */
export class CheckpointWitness {
  constructor(
    private readonly dataSource: DataSource,
    /** The gateway's published keys (jose's remote key set: cached, refreshed on an unknown kid). */
    private readonly gatewayKeys: JWTVerifyGetKey,
  ) {}

  async offer(jws: string): Promise<WitnessVerdict> {
    let statement;
    try {
      statement = await verifyCheckpoint(jws, this.gatewayKeys);
    } catch (error) {
      return { status: 'invalid', detail: `not a checkpoint the gateway signed: ${(error as Error).message}` };
    }
    const hash = checkpointHash(statement);
    const repository = this.dataSource.getRepository(WitnessedCheckpointEntity);
    const held = await repository.findOneBy({ number: statement.number });
    if (held)
      return held.hash === hash
        ? { status: 'known', number: held.number }
        : { status: 'fork', number: held.number, detail: `checkpoint ${held.number} differs from the one this witness kept` };
    const latest = await this.latest();
    if (latest && statement.number > latest.number + 1) return { status: 'gap', latest: latest.number };
    if (latest && statement.number < latest.number) return { status: 'fork', number: statement.number, detail: `checkpoint ${statement.number} was never kept, yet later ones were` };
    if (latest && statement.previous !== latest.hash)
      return { status: 'fork', number: statement.number, detail: `checkpoint ${statement.number} does not follow from checkpoint ${latest.number} as this witness kept it` };
    await repository.insert({ number: statement.number, previousHash: statement.previous, hash, jws, receivedAt: new Date().toISOString() });
    return { status: 'kept', number: statement.number };
  }

  latest(): Promise<WitnessedCheckpointEntity | null> {
    return this.dataSource.getRepository(WitnessedCheckpointEntity).findOne({ where: {}, order: { number: 'DESC' } });
  }

  /** What it kept, in order, from `after` on: its publication. */
  kept(after: number, limit: number): Promise<WitnessedCheckpointEntity[]> {
    return this.dataSource.getRepository(WitnessedCheckpointEntity).createQueryBuilder('c').where('c.number > :after', { after }).orderBy('c.number', 'ASC').limit(limit).getMany();
  }
}
