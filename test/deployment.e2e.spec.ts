import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { waitForStatus } from './support/http.js';
import { bureauPorts, ROOT, startBureaus, startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * docker/ without a container engine: the compose file's wiring checked as
 * the containers would see it, and the images' health checks run, as
 * written, against real bureau and gateway processes.
 */
const BASE = 16200;
const dataDir = tempDir('deployment');
const processes: TestProcess[] = [];

interface Service {
  build?: { dockerfile?: string };
  environment?: Record<string, string>;
  secrets?: string[];
}
const compose = parse(readFileSync(join(ROOT, 'docker', 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service>; secrets: Record<string, unknown> };
const dockerfile = (name: string) => readFileSync(join(ROOT, 'docker', name), 'utf8');
const envOf = (file: string) => Object.fromEntries([...dockerfile(file).matchAll(/^\s*(?:ENV\s+)?([A-Z_]+)=(\S+?)\s*\\?$/gm)].map((match) => [match[1]!, match[2]!]));
const bureaus = Object.entries(compose.services).filter(([, service]) => service.build?.dockerfile === 'docker/bureau.Dockerfile');
const gateway = compose.services.gateway!;
const gatewayPort = envOf('gateway.Dockerfile').CAUSEWAY_PORT;

/** The HEALTHCHECK command of an image, as `node -e` would run it. */
function healthCheck(file: string): string[] {
  const line = /HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])/.exec(dockerfile(file))![1]!;
  return JSON.parse(line) as string[];
}

function run(command: string[], env: Record<string, string>): Promise<number | null> {
  const child = spawn(process.execPath, command.slice(1), { env: { ...process.env, ...env }, stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', resolve));
}

describe('the compose file, as the containers see it', () => {
  it('the gateway composes from every bureau, at the port each bureau listens on', () => {
    const listed = gateway.environment!.CAUSEWAY_BUREAUS!.split(',').map((entry) => entry.trim());
    expect(listed).toHaveLength(bureaus.length);
    for (const entry of listed) {
      const [name, url] = entry.split('=') as [string, string];
      const target = new URL(url);
      const service = compose.services[target.hostname];
      expect([name, service?.build?.dockerfile]).toEqual([target.hostname, 'docker/bureau.Dockerfile']);
      expect(target.port).toBe(service!.environment!.CAUSEWAY_PORT);
    }
  });

  it("every bureau checks the gateway's signatures against the gateway's published keys, and listens beyond its container", () => {
    for (const [, service] of bureaus) {
      const jwks = new URL(service.environment!.CAUSEWAY_GATEWAY_JWKS_URL!);
      expect([jwks.hostname, jwks.port, jwks.pathname]).toEqual(['gateway', gatewayPort, '/.well-known/jwks.json']);
    }
    expect(envOf('bureau.Dockerfile').CAUSEWAY_HOST).toBe('0.0.0.0');
    expect(envOf('gateway.Dockerfile').CAUSEWAY_HOST).toBe('0.0.0.0');
  });

  it('the gateway gets its keys and password from declared secrets, never generated ones', () => {
    const files = Object.entries(gateway.environment!).filter(([name]) => name.endsWith('_FILE'));
    expect(files.map(([name]) => name).sort()).toEqual(['CAUSEWAY_DATABASE_PASSWORD_FILE', 'CAUSEWAY_GATEWAY_KEYS_FILE']);
    for (const [, path] of files) {
      const secret = /^\/run\/secrets\/(.+)$/.exec(path)![1]!;
      expect(gateway.secrets).toContain(secret);
      expect(Object.keys(compose.secrets)).toContain(secret);
    }
  });
});

describe("the images' health checks, run against real processes", () => {
  beforeAll(async () => {
    processes.push(...startBureaus(BASE, dataDir));
    processes.push(startGateway(BASE, dataDir));
    await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
  });

  it("a bureau's passes without a gateway token", async () => {
    expect(await run(healthCheck('bureau.Dockerfile'), { CAUSEWAY_PORT: String(bureauPorts(BASE).health) })).toBe(0);
  });

  it("the gateway's passes once it is ready, and fails where nothing serves", async () => {
    expect(await run(healthCheck('gateway.Dockerfile'), { CAUSEWAY_PORT: String(BASE) })).toBe(0);
    expect(await run(healthCheck('gateway.Dockerfile'), { CAUSEWAY_PORT: String(BASE + 50) })).toBe(1);
  });
});
