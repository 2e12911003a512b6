import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestTsa, type TestTsa } from '../../../test/support/tsa.js';
import { requestTimestamp, verifyTimestamp } from './timestamp.js';

const AT = new Date('2026-11-02T03:04:05Z');
const statement = { number: 7, previous: 'a'.repeat(64), heads: [{ chain: 'gw-x', seq: 12, hash: 'b'.repeat(64) }] };

describe('RFC 3161 time stamps of checkpoints', () => {
  let tsa: TestTsa;
  let other: TestTsa;
  beforeAll(async () => {
    tsa = await startTestTsa(() => AT);
    other = await startTestTsa(() => AT, 'Another TSA');
  });
  afterAll(async () => {
    await tsa.close();
    await other.close();
  });

  it('are granted for the checkpoint and verify against the authority, with the time it stamped', async () => {
    const stamp = await requestTimestamp(tsa.url, statement);
    expect(await verifyTimestamp(stamp, statement, [tsa.certificate])).toEqual(AT);
  });

  it('do not verify for another checkpoint, under an untrusted authority, or once altered', async () => {
    const stamp = await requestTimestamp(tsa.url, statement);
    await expect(verifyTimestamp(stamp, { ...statement, number: 8 }, [tsa.certificate])).rejects.toThrow('the time stamp is for another checkpoint');
    await expect(verifyTimestamp(stamp, statement, [other.certificate])).rejects.toThrow(/the time stamp does not verify: Validation of signer's certificate failed/);
    const forged = new Uint8Array(stamp);
    forged[forged.length - 5]! ^= 0xff;
    await expect(verifyTimestamp(forged, statement, [tsa.certificate])).rejects.toThrow();
  });
});
