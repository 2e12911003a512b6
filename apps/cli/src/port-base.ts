import { createServer } from 'node:net';
import { UsageError } from './cli.error.js';

/** `--port-base`: the gateway's port; the demo bureaus take the next four. */
export const PORT_BASE_OPTION = ['--port-base <port>', 'gateway port; the demo bureaus take the next four', '4000'] as const;

export function portBaseOf(text: string): number {
  const base = Number(text);
  if (!Number.isInteger(base) || base < 1024 || base > 65530) throw new UsageError('--port-base must be a whole number from 1024 to 65530');
  return base;
}

/** The ports of `ports` something already listens on at `host` (another Causeway, say), found by trying to listen there. */
export async function busyPorts(host: string, ports: readonly number[]): Promise<number[]> {
  const busy: number[] = [];
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, host, () => probe.close(() => resolve(true)));
    });
    if (!free) busy.push(port);
  }
  return busy;
}
