import type { JSONWebKeySet } from 'jose';
import { CHECKPOINTS, type ChainBreak } from '../chain-verifier.js';
import { verifyCheckpoint } from '../checkpoint.js';
import { verifyTimestamp } from '../timestamp.js';

/**
 * Checks the time stamps outside authorities gave checkpoints: each for a
 * checkpoint the ledger holds, signed by an authority chained to one of the
 * trusted CA certificates, over exactly that checkpoint's statement.
 */
export async function checkStamps(
  stamps: ReadonlyArray<{ number: number; token: string }>,
  checkpoints: ReadonlyMap<number, string>,
  trustedKeys: JSONWebKeySet,
  trustedCerts: readonly Uint8Array[],
): Promise<{ stamped: number; broken: ChainBreak | null }> {
  let stamped = 0;
  for (const stamp of stamps) {
    const at = (detail: string) => ({ stamped, broken: { chain: CHECKPOINTS, seq: stamp.number, reason: 'TIMESTAMP_INVALID' as const, detail } });
    const jws = checkpoints.get(stamp.number);
    if (!jws) return at(`a time stamp of checkpoint ${stamp.number}, which the ledger lacks: it was removed after it was stamped`);
    try {
      await verifyTimestamp(Buffer.from(stamp.token, 'base64'), await verifyCheckpoint(jws, trustedKeys), trustedCerts);
    } catch (error) {
      return at((error as Error).message);
    }
    stamped++;
  }
  return { stamped, broken: null };
}
