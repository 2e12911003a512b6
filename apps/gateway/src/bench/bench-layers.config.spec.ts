import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '#config';
import { loadBenchLayers } from './bench-layers.config.js';

describe("the benchmark gateway's layer switches", () => {
  it('takes known layers, on loopback only', () => {
    expect(loadBenchLayers({})).toEqual([]);
    expect(loadBenchLayers({ CAUSEWAY_BENCH_LAYERS_OFF: 'policy, ledger' })).toEqual(['policy', 'ledger']);
    expect(() => loadBenchLayers({ CAUSEWAY_BENCH_LAYERS_OFF: 'signing' })).toThrow(ConfigError);
    expect(() => loadBenchLayers({ CAUSEWAY_BENCH_LAYERS_OFF: 'ledger', CAUSEWAY_HOST: '0.0.0.0' })).toThrow(/loopback only/);
  });
});
