import { z } from 'zod';
import { ConfigError, loadConfig, type EnvSource } from '#config';
import { isLoopback } from '../loopback.js';

/** Security layers a benchmark may switch off, one at a time, to attribute their cost. */
export const BENCH_LAYERS = ['authentication', 'policy', 'ledger'] as const;
export type BenchLayer = (typeof BENCH_LAYERS)[number];

const schema = z.object({
  CAUSEWAY_HOST: z.string().default('127.0.0.1'),
  CAUSEWAY_BENCH_LAYERS_OFF: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const layers = (value ?? '')
        .split(',')
        .map((layer) => layer.trim())
        .filter(Boolean);
      const unknown = layers.filter((layer) => !(BENCH_LAYERS as readonly string[]).includes(layer));
      if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown layer(s) ${unknown.join(', ')}; layers: ${BENCH_LAYERS.join(', ')}` });
      return layers as BenchLayer[];
    }),
});

/**
 * The layers the benchmark's gateway runs without (read by bench-main.ts
 * only: the production gateway has no such switch). Loopback only.
 */
export function loadBenchLayers(source: EnvSource = process.env): BenchLayer[] {
  const values = loadConfig('gateway (benchmark)', schema, source);
  if (values.CAUSEWAY_BENCH_LAYERS_OFF.length > 0 && !isLoopback(values.CAUSEWAY_HOST)) {
    throw new ConfigError('gateway (benchmark)', [{ variable: 'CAUSEWAY_BENCH_LAYERS_OFF', message: 'is for benchmarks on loopback only (CAUSEWAY_HOST must be 127.0.0.1)' }]);
  }
  return values.CAUSEWAY_BENCH_LAYERS_OFF;
}
