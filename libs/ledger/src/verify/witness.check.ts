import type { JSONWebKeySet } from 'jose';
import { CHECKPOINTS, type ChainBreak } from '../chain-verifier.js';
import { checkpointHash, verifyCheckpoint } from '../checkpoint.js';

/** What one witness said about the ledger. */
export interface WitnessReport {
  witness: string;
  /** Checkpoints the witness kept that the ledger holds unchanged. */
  agreed: number;
  /** The last checkpoint the witness kept (null: none yet). */
  latest: number | null;
  ok: boolean;
  broken: ChainBreak | null;
}

/** A checkpoint as a witness publishes it. */
export interface WitnessedCheckpoint {
  number: number;
  hash: string;
  jws: string;
}

/**
 * Compares the ledger's checkpoints (number → hash) with what a witness
 * kept. Every checkpoint the witness holds must be one the gateway signed,
 * and the ledger must still hold it, unchanged: a ledger that lacks one the
 * witness saw was rolled back (WITNESS_AHEAD), one that holds another under
 * the same number was rewritten after the witness saw it (WITNESS_MISMATCH).
 * A witness that holds what the gateway never signed proves nothing
 * (WITNESS_UNVERIFIABLE).
 */
export async function checkAgainstWitness(
  ledger: ReadonlyMap<number, string>,
  witnessed: AsyncIterable<WitnessedCheckpoint>,
  trustedKeys: JSONWebKeySet,
  witness: string,
): Promise<WitnessReport> {
  const end = Math.max(0, ...ledger.keys());
  let agreed = 0;
  let latest: number | null = null;
  const fail = (number: number, reason: ChainBreak['reason'], detail: string): WitnessReport => ({
    witness,
    agreed,
    latest,
    ok: false,
    broken: { chain: CHECKPOINTS, seq: number, reason, detail },
  });
  for await (const checkpoint of witnessed) {
    latest = checkpoint.number;
    try {
      const statement = await verifyCheckpoint(checkpoint.jws, trustedKeys);
      if (statement.number !== checkpoint.number || checkpointHash(statement) !== checkpoint.hash) throw new Error('its hash or number differs from what it signed');
    } catch (error) {
      return fail(checkpoint.number, 'WITNESS_UNVERIFIABLE', `${witness} holds a checkpoint ${checkpoint.number} the gateway did not sign as published: ${(error as Error).message}`);
    }
    const ours = ledger.get(checkpoint.number);
    if (ours === undefined) {
      return fail(
        checkpoint.number,
        'WITNESS_AHEAD',
        `${witness} kept checkpoint ${checkpoint.number}; the ledger ${checkpoint.number > end ? `ends at checkpoint ${end}` : 'lacks it'}: it was rolled back after the witness saw it`,
      );
    }
    if (ours !== checkpoint.hash)
      return fail(checkpoint.number, 'WITNESS_MISMATCH', `${witness} kept another checkpoint ${checkpoint.number}: the ledger was rewritten after the witness saw it`);
    agreed++;
  }
  return { witness, agreed, latest, ok: true, broken: null };
}
