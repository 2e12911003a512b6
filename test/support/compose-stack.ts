import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ROOT, TestProcess } from './processes.js';

/**
 * docker/compose.yaml run without a container engine: each service built
 * from a Dockerfile becomes a local process with exactly the environment its
 * container gets — the runtime stage's ENV, then the compose file's
 * `environment` — and its CMD (or the compose `command`). Only what a
 * container engine would provide is translated, mechanically:
 * - a service's host name and container port (and the CAUSEWAY_PORT it listens on) → 127.0.0.1 and a port of the test's;
 * - `postgres:5432/<db>` → the test's PostgreSQL, in a database of the test's;
 * - secret and volume paths → files and directories of the test's;
 * - CAUSEWAY_HOST=0.0.0.0 → 127.0.0.1 (a test listens on loopback only);
 * - OTEL_* variables are dropped: no collector runs here.
 */
const DOCKER = join(ROOT, 'docker');

export interface ComposeService {
  build?: { dockerfile?: string; args?: Record<string, string> };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  secrets?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  secrets: Record<string, { file: string }>;
}

export const compose = parse(readFileSync(join(DOCKER, 'compose.yaml'), 'utf8'), { merge: true }) as ComposeFile;

export const dockerfile = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The runtime (last) stage of a Dockerfile: its ENV, with build args substituted, and its CMD and HEALTHCHECK. */
export function runtimeStage(path: string, args: Record<string, string> = {}): { env: Record<string, string>; cmd: string[]; healthCheck: string[] } {
  const text = dockerfile(path);
  const stage = text.slice(text.lastIndexOf('\nFROM '));
  const defaults = Object.fromEntries([...text.matchAll(/^ARG (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  const substitute = (value: string) => value.replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? defaults[name] ?? '');
  const envBlock = /^ENV ((?:.*\\\n)*.*)$/m.exec(stage)![1]!;
  const env = Object.fromEntries([...envBlock.matchAll(/([A-Z_]+)=(\S+?)\s*(?:\\|$)/gm)].map((m) => [m[1]!, substitute(m[2]!)]));
  const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(stage)![1]!) as string[];
  const healthCheck = JSON.parse(/HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])/.exec(stage)![1]!) as string[];
  return { env, cmd, healthCheck };
}

export interface LocalService {
  name: string;
  command: string[];
  env: Record<string, string>;
  /** The test's URL of the service's HTTP port, when it has one. */
  url?: string;
}

export interface Translation {
  portBase: number;
  dir: string;
  /** The test's PostgreSQL server (host:port) and the database that stands for the compose file's. */
  postgres: { host: string; database: string };
}

/** The built services of the compose file, translated into local processes (see above). */
export function localServices(translation: Translation): Map<string, LocalService> {
  const built = Object.entries(compose.services).filter(([, service]) => service.build?.dockerfile);
  const stages = new Map(built.map(([name, service]) => [name, runtimeStage(service.build!.dockerfile!, service.build!.args)]));
  const ports = new Map<string, number>();
  built.forEach(([name, service], index) => {
    const port = service.environment?.CAUSEWAY_PORT ?? stages.get(name)!.env.CAUSEWAY_PORT;
    if (port) ports.set(`${name}:${port}`, translation.portBase + index);
  });
  const paths = new Map<string, string>();
  for (const [name, service] of built) {
    for (const secret of service.secrets ?? []) paths.set(`${name} /run/secrets/${secret}`, join(translation.dir, 'secrets', secret));
    for (const volume of service.volumes ?? []) {
      const [source, target] = volume.split(':') as [string, string];
      const local = source.startsWith('.') || isAbsolute(source) ? resolve(DOCKER, source) : join(translation.dir, 'volumes', source);
      if (!source.startsWith('.')) mkdirSync(local, { recursive: true });
      paths.set(`${name} ${target}`, local);
    }
  }
  const rewrite = (service: string, value: string): string => {
    let out = value.replace(/\/\/([^/@\s]+@)?([a-z][a-z0-9-]*):(\d+)(\/\w*)?/g, (match, user = '', host: string, port: string, path = '') => {
      if (ports.has(`${host}:${port}`)) return `//${user}127.0.0.1:${ports.get(`${host}:${port}`)}${path}`;
      if (compose.services[host]?.image?.startsWith('postgres:')) return `//${user}${translation.postgres.host}/${translation.postgres.database}`;
      return match;
    });
    for (const [key, local] of paths) {
      const [owner, target] = key.split(' ') as [string, string];
      if (owner === service && (out === target || out.startsWith(`${target}/`))) out = local + out.slice(target.length);
    }
    return out === '0.0.0.0' ? '127.0.0.1' : out;
  };
  return new Map(
    built.map(([name, service]) => {
      const stage = stages.get(name)!;
      const merged = { ...stage.env, ...(service.environment ?? {}) };
      const env = Object.fromEntries(
        Object.entries(merged)
          .filter(([key]) => !key.startsWith('OTEL_'))
          .map(([key, value]) => [key, key === 'CAUSEWAY_PORT' ? String(ports.get(`${name}:${value}`)) : rewrite(name, String(value).replace(/\s*\n\s*/g, ''))]),
      );
      const port = ports.get(`${name}:${merged.CAUSEWAY_PORT}`);
      return [name, { name, command: service.command ?? stage.cmd, env, ...(port ? { url: `http://127.0.0.1:${port}` } : {}) }];
    }),
  );
}

/** The services in the order depends_on allows (dependencies first). */
export function startOrder(): string[] {
  const order: string[] = [];
  const visit = (name: string) => {
    if (order.includes(name)) return;
    for (const dependency of Object.keys(compose.services[name]?.depends_on ?? {})) visit(dependency);
    order.push(name);
  };
  Object.keys(compose.services).forEach(visit);
  return order;
}

/** Runs a service's command as its container would (WORKDIR /app is the repository root, `node` is this Node). */
export function startLocal(service: LocalService, home: string): TestProcess {
  const node = process.execPath;
  const [program, ...args] = service.command;
  const argv = program === 'node' ? [node, ...args] : program === 'sh' && args[0] === '-c' ? ['sh', '-c', args[1]!.replace(/^exec node /, `exec '${node}' `)] : service.command;
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new TestProcess(service.name, child);
}
