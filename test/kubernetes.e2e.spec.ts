import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ROOT } from './support/processes.js';

/**
 * deploy/kubernetes without a cluster: every manifest validated against the
 * Kubernetes (and Prometheus Operator) JSON schemas by kubernetes-models,
 * then the wiring a schema cannot see — selectors, ports, probes, the names
 * the gateway and bureaus use for each other, what only the gateway may
 * reach — checked as rules over the whole set.
 */
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
}

const KUBERNETES = join(ROOT, 'deploy', 'kubernetes');
const BASE = join(KUBERNETES, 'base');
// Created by the operator before applying (docs/deployment.md), never committed.
const OPERATOR_CREATED = ['causeway-database', 'causeway-gateway-keys', 'causeway-ledger-subject-keys', 'causeway-metrics', 'causeway-policies'];

const kustomization = (dir: string) => parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Record<string, any>;
const manifests: Manifest[] = (kustomization(BASE).resources as string[]).flatMap((file) => parseAllDocuments(readFileSync(join(BASE, file), 'utf8')).map((doc) => doc.toJSON() as Manifest));
const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const named = (kind: string, name: string) => ofKind(kind).find((manifest) => manifest.metadata.name === name)!;
const podsOf = (manifest: Manifest) => manifest.spec.template ?? manifest.spec.jobTemplate?.spec.template;
const workloads = manifests.filter((manifest) => ['Deployment', 'Job', 'CronJob', 'StatefulSet'].includes(manifest.kind));
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([key, value]) => labels[key] === value);

/** The kubernetes-models class of a manifest's apiVersion and kind. */
async function modelOf(manifest: Manifest): Promise<new (data: unknown) => { validate(): void }> {
  const [group, version] = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/') : ['', manifest.apiVersion];
  const module = group === 'monitoring.coreos.com' ? `@kubernetes-models/prometheus-operator/${group}/${version}` : `kubernetes-models/${group ? `${group}/` : ''}${version}`;
  const model = ((await import(module)) as Record<string, new (data: unknown) => { validate(): void }>)[manifest.kind];
  if (!model) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
  return model;
}

describe('the Kubernetes manifests', () => {
  let validate: (manifest: unknown) => Promise<void>;
  beforeAll(() => {
    validate = async (manifest) => new (await modelOf(manifest as Manifest))(manifest).validate();
  });

  it('lists every manifest file in the base, and each is valid against its schema', async () => {
    expect([...(kustomization(BASE).resources as string[])].sort()).toEqual(
      readdirSync(BASE)
        .filter((file) => file !== 'kustomization.yaml')
        .sort(),
    );
    for (const manifest of manifests) await expect(validate(manifest).then(() => manifest.metadata.name)).resolves.toBe(manifest.metadata.name);
  });

  it('a manifest that breaks its schema is refused (the validator is not a formality)', async () => {
    const gateway = structuredClone(named('Deployment', 'causeway-gateway'));
    gateway.spec.replicas = 'three';
    await expect(validate(gateway)).rejects.toThrow(/replicas must be integer/);
    const monitor = structuredClone(named('ServiceMonitor', 'causeway-gateway'));
    monitor.spec.endpoints[0].interval = 'often';
    await expect(validate(monitor)).rejects.toThrow(/interval/);
  });

  it('every workload selects its own pods, runs as non-root with a read-only root, and declares what it needs', () => {
    for (const workload of workloads) {
      const pod = podsOf(workload);
      if (workload.spec.selector) expect(matches(workload.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
      expect([workload.metadata.name, pod.spec.securityContext.runAsNonRoot, pod.spec.automountServiceAccountToken]).toEqual([workload.metadata.name, true, false]);
      for (const container of pod.spec.containers) {
        expect([container.name, container.securityContext.readOnlyRootFilesystem, container.securityContext.allowPrivilegeEscalation]).toEqual([container.name, true, false]);
        expect(container.resources.requests.cpu && container.resources.requests.memory && container.resources.limits.memory).toBeTruthy();
      }
    }
  });

  it('every Service reaches a workload on a port its container declares', () => {
    for (const service of ofKind('Service')) {
      const backends = workloads.filter((workload) => matches(service.spec.selector, podsOf(workload).metadata.labels));
      expect([service.metadata.name, backends.length]).toEqual([service.metadata.name, 1]);
      const declared = podsOf(backends[0]!).spec.containers.flatMap((container: any) => container.ports.map((port: any) => port.name));
      for (const port of service.spec.ports) expect(declared).toContain(port.targetPort);
    }
  });

  it("the gateway probes its liveness and readiness endpoints, as its image's health check does", () => {
    const container = podsOf(named('Deployment', 'causeway-gateway')).spec.containers[0];
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.startupProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(readFileSync(join(ROOT, 'docker', 'gateway.Dockerfile'), 'utf8')).toContain("/health/ready')");
  });

  it('the gateway composes from each bureau Service at its port, and each bureau reads the JWKS of the gateway Service', () => {
    const config = named('ConfigMap', 'causeway-gateway').data!;
    const gateway = named('Service', 'gateway');
    for (const entry of config.CAUSEWAY_BUREAUS!.split(',').map((text) => text.trim())) {
      const [name, url] = entry.split('=') as [string, string];
      const target = new URL(url);
      expect([name, named('Service', target.hostname)?.spec.ports[0].port]).toEqual([target.hostname, Number(target.port)]);
      const env = podsOf(named('Deployment', name)).spec.containers[0].env as Array<{ name: string; value: string }>;
      const jwks = new URL(env.find((variable) => variable.name === 'CAUSEWAY_GATEWAY_JWKS_URL')!.value);
      expect([jwks.hostname, Number(jwks.port), jwks.pathname]).toEqual([gateway.metadata.name, gateway.spec.ports[0].port, '/.well-known/jwks.json']);
    }
  });

  it('gateways run as the runtime role and only verify migrations; the migration Job runs as the owner and grants that role', () => {
    const config = named('ConfigMap', 'causeway-gateway').data!;
    expect(config.CAUSEWAY_DATABASE_MIGRATIONS).toBe('verify');
    const gatewayEnv = podsOf(named('Deployment', 'causeway-gateway')).spec.containers[0].env;
    expect(gatewayEnv).toContainEqual({ name: 'CAUSEWAY_DATABASE_URL', valueFrom: { secretKeyRef: { name: 'causeway-database', key: 'runtime-url' } } });
    const job = podsOf(named('Job', 'causeway-migrate')).spec.containers[0];
    expect(job.command).toEqual(['node', 'dist/apps/gateway/src/migrate.js']);
    expect(job.env).toContainEqual({ name: 'CAUSEWAY_DATABASE_URL', valueFrom: { secretKeyRef: { name: 'causeway-database', key: 'owner-url' } } });
    expect(job.env.map((variable: { name: string }) => variable.name)).toContain('CAUSEWAY_DATABASE_RUNTIME_ROLE');
  });

  it("compacts the ledger's ended months monthly with the CLI of the same image, as the owner, one run at a time", () => {
    const cron = named('CronJob', 'causeway-ledger-compact');
    expect(cron.spec).toMatchObject({ schedule: '30 2 2 * *', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid' });
    const [container] = podsOf(cron).spec.containers;
    expect(container.image).toBe(podsOf(named('Deployment', 'causeway-gateway')).spec.containers[0].image);
    expect(container.env).toContainEqual({ name: 'CAUSEWAY_DATABASE_URL', valueFrom: { secretKeyRef: { name: 'causeway-database', key: 'owner-url' } } });
    // The command is this build's CLI, and it knows the subcommand (the image holds the same dist/).
    const [node, entry, ...args] = container.command as string[];
    expect([node, args]).toEqual(['node', ['ledger', 'compact']]);
    const help = spawnSync(process.execPath, [join(ROOT, entry!), ...args, '--help'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect([help.status, help.stdout]).toEqual([0, expect.stringMatching(/^Usage: causeway ledger compact/)]);
  });

  it('bureaus and Redis accept traffic only from the gateway (and, on the bureaus, Prometheus for /metrics)', () => {
    const only = (name: string) => named('NetworkPolicy', name).spec;
    for (const bureau of workloads.filter((workload) => podsOf(workload).metadata.labels['app.kubernetes.io/component'] === 'bureau')) {
      expect(matches(only('bureaus-only-from-gateway').podSelector.matchLabels, podsOf(bureau).metadata.labels)).toBe(true);
    }
    expect(only('bureaus-only-from-gateway').ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'causeway-gateway' } } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        ports: [{ protocol: 'TCP', port: 'http' }],
      },
    ]);
    expect(only('redis-only-from-gateway').ingress[0].from).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'causeway-gateway' } } }]);
  });

  it('ServiceMonitors scrape /metrics of the gateway, with the token its pods read, and of every bureau', () => {
    const gateway = named('ServiceMonitor', 'causeway-gateway').spec;
    const bureaus = named('ServiceMonitor', 'causeway-bureaus').spec;
    const scraped = [gateway.selector.matchLabels['app.kubernetes.io/name'], ...(bureaus.selector.matchExpressions[0].values as string[])];
    const withMetrics = ofKind('Service').filter((service) => service.metadata.name !== 'redis');
    expect(withMetrics.map((service) => service.metadata.labels!['app.kubernetes.io/name']).sort()).toEqual([...scraped].sort());
    expect(bureaus.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics' })]);
    expect(gateway.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics', bearerTokenSecret: { name: 'causeway-metrics', key: 'token' } })]);
    // The gateway reads the same secret's `token` from the file CAUSEWAY_METRICS_TOKEN_FILE names.
    const pod = podsOf(named('Deployment', 'causeway-gateway')).spec;
    const file = pod.containers[0].env.find((variable: { name: string }) => variable.name === 'CAUSEWAY_METRICS_TOKEN_FILE').value as string;
    const volume = pod.volumes.find((candidate: any) => candidate.secret?.secretName === 'causeway-metrics').name as string;
    const mount = pod.containers[0].volumeMounts.find((candidate: any) => candidate.name === volume).mountPath as string;
    expect(file).toBe(`${mount}/token`);
  });

  it('names only objects it defines or the operator creates, and only documented variables (docs/configuration.md)', () => {
    const defined = new Set(manifests.map((manifest) => manifest.metadata.name));
    const references = workloads.flatMap((workload) => {
      const pod = podsOf(workload).spec;
      const containers = pod.containers as any[];
      return [
        ...(pod.volumes ?? []).map((volume: any) => volume.secret?.secretName ?? volume.configMap?.name),
        ...containers.flatMap((container) => (container.envFrom ?? []).map((source: any) => (source.configMapRef ?? source.secretRef).name)),
        ...containers.flatMap((container) => (container.env ?? []).map((variable: any) => (variable.valueFrom?.secretKeyRef ?? variable.valueFrom?.configMapKeyRef)?.name)),
      ].filter(Boolean) as string[];
    });
    expect(references).toEqual(expect.arrayContaining(OPERATOR_CREATED));
    for (const name of references) expect([name, defined.has(name) || OPERATOR_CREATED.includes(name)]).toEqual([name, true]);
    const documented = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');
    for (const variable of new Set(JSON.stringify(manifests).match(/CAUSEWAY_[A-Z_]+/g))) {
      expect([variable, documented.includes(`\`${variable}\``)]).toEqual([variable, true]);
    }
  });

  it('the production overlay changes only what the base defines', () => {
    const overlay = kustomization(join(KUBERNETES, 'overlays', 'production'));
    expect(overlay.resources).toEqual(['../../base']);
    for (const { name } of overlay.replicas) expect(named('Deployment', name)).toBeDefined();
    const images = new Set(workloads.flatMap((workload) => podsOf(workload).spec.containers.map((container: any) => container.image.split(':')[0])));
    for (const { name } of overlay.images) expect(images).toContain(name);
  });
});
