import type { benchOperations } from './bench-operations.js';
import { HIVE_PEERS } from './bench-report.js';
import { startScript } from './bench-processes.js';
import type { Target } from './run.types.js';

/** What every peer gateway is started with: the one supergraph, the gateway key set to sign with, and the run's profiling flags. */
interface PeerSetup {
  supergraphFile: string;
  keyFile: string;
  profiled: (label: string) => string[];
  operations: ReturnType<typeof benchOperations>;
}

const none = async () => null;

/** A peer gateway answering at `/` on `port`, measured on `operations` (and warmed up on all). */
function peer(setup: PeerSetup, label: string, script: string, port: number, env: Record<string, string>, operations = Object.values(setup.operations)): Target {
  const started = startScript(label, script, { BENCH_PORT: String(port), BENCH_SUPERGRAPH_FILE: setup.supergraphFile, BENCH_KEYS_FILE: setup.keyFile, ...env }, setup.profiled(label));
  return {
    label,
    process: started,
    url: `http://127.0.0.1:${port}/`,
    // Ready when it answers at all.
    ready: { url: `http://127.0.0.1:${port}/?query=%7B__typename%7D`, accept: (status) => status < 500 },
    operations,
    servable: Object.values(setup.operations),
    authorization: none,
  };
}

/** Apollo Server + @apollo/gateway with nothing of Causeway (bare-gateway.ts). */
export function barePeer(setup: PeerSetup, port: number): Target {
  return peer(setup, 'bare @apollo/gateway', 'dist/bench/bare-gateway.js', port, {});
}

/**
 * Hive Gateway (hive-gateway.mjs), with its JavaScript and with its Rust
 * planner: each per caller (merging off, the comparison that counts) on
 * every operation, and with its defaults (merging identical bureau requests
 * across callers) on the deep operation, in rows of their own.
 */
export function hivePeers(setup: PeerSetup, port: number): Target[] {
  const script = 'bench/hive-gateway.mjs';
  const deep = [setup.operations.deep];
  return [
    peer(setup, HIVE_PEERS[0], script, port, { BENCH_HIVE_PLANNER: 'js', BENCH_HIVE_MERGING: 'off' }),
    peer(setup, HIVE_PEERS[1], script, port + 1, { BENCH_HIVE_PLANNER: 'rust', BENCH_HIVE_MERGING: 'off' }),
    peer(setup, 'Hive Gateway, defaults (merges across callers)', script, port + 2, { BENCH_HIVE_PLANNER: 'js', BENCH_HIVE_MERGING: 'on' }, deep),
    peer(setup, 'Hive Gateway + Rust planner, defaults (merges across callers)', script, port + 3, { BENCH_HIVE_PLANNER: 'rust', BENCH_HIVE_MERGING: 'on' }, deep),
  ];
}
