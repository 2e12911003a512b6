import type { Operation } from './bench-operations.js';
import type { Target } from './run.types.js';

/** Bodies of each operation compared across the peers before anything is measured. */
const SAMPLES = 5;

/**
 * The peers must answer exactly alike (the same data, byte for byte, for the
 * same body), or their speeds are not comparable: a few bodies of each
 * operation, spread over its list, are sent to every peer and compared with
 * the first peer's answer. Causeway is not among them: its answers are
 * shaped by the policy (masks, refused fields), and checked by each
 * operation's own check instead.
 */
export async function checkSameAnswers(peers: readonly Target[], operations: readonly Operation[]): Promise<void> {
  if (peers.length < 2) return;
  for (const operation of operations) {
    const step = Math.max(1, Math.floor(operation.bodies.length / SAMPLES));
    for (let i = 0; i < operation.bodies.length; i += step) {
      const body = operation.bodies[i]!;
      const answers = await Promise.all(peers.map(async (peer) => [peer.label, await answer(peer.url, body)] as const));
      const [first, expected] = answers[0]!;
      for (const [label, text] of answers.slice(1)) {
        if (text !== expected) throw new Error(`${label} and ${first} answer ${operation.name} (body ${i}) differently:\n${expected.slice(0, 300)}\n${text.slice(0, 300)}`);
      }
    }
  }
}

async function answer(url: string, body: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const parsed = (await response.json()) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || parsed.errors) throw new Error(`${url} did not answer: ${response.status} ${JSON.stringify(parsed.errors ?? parsed).slice(0, 300)}`);
  return JSON.stringify(parsed.data);
}
