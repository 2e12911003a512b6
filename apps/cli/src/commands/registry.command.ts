import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { AdminClient, type AdminTarget } from '../admin-client.js';
import { UsageError } from '../cli.error.js';

const LISTS = {
  systems: '{ systems { id department clearance purposes jwksUrl rateLimit registeredOperationsOnly } }',
  purposes: '{ purposes { name description } }',
  bureaus: '{ bureaus { name department url } }',
  people: '{ people { id name roles department issuer } }',
  issuers: '{ issuers { issuer audience systemClaim systems personClaim algorithms maxTokenLifetimeS tokenReuse } }',
  versions: '{ supergraphVersions { version status source proposedBy decidedBy createdAt loosened unlabelled bureaus } }',
} as const;

const SYSTEM_FIELDS = ['id', 'department', 'clearance', 'purposes', 'jwks', 'jwksUrl', 'rateLimit', 'limits', 'registeredOperationsOnly', 'piiValuesPerDay', 'lookupMissesPerDay'];
const ISSUER_FIELDS = ['issuer', 'audience', 'systemClaim', 'systems', 'personClaim', 'algorithms', 'maxTokenLifetimeS', 'tokenReuse'];
const BUREAU_CHANGE = '{ registryVersion served supergraph { version status loosened unlabelled added removed } }';
const VERSION = '{ version status decidedBy }';

/** The options every registry command takes: which gateway, and as whom. */
function target(command: Command): Command {
  return command
    .option('--gateway <url>', 'the gateway (default: CAUSEWAY_GATEWAY_URL or http://127.0.0.1:4000)')
    .option('--token <token>', "an administrator's token (default: CAUSEWAY_ADMIN_TOKEN)")
    .option('--user <id>', 'development: act as this person of people.yaml, e.g. admin-1')
    .option('--data-dir <dir>', 'with --user: data directory holding the development keys');
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** One definition from a YAML or JSON file, in the shape of an entry of the matching policies/ file. */
function definitionFromFile(path: string, fields: readonly string[], what: string): Record<string, unknown> {
  let definition: unknown;
  try {
    definition = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) throw new UsageError(`${path}: ${what}`);
  const unknown = Object.keys(definition).filter((key) => !fields.includes(key));
  if (unknown.length > 0) throw new UsageError(`${path}: unknown field(s) ${unknown.join(', ')}`);
  return definition as Record<string, unknown>;
}

/** A system definition from a file, as in policies/systems.yaml (its JWK set passed as JSON text). */
function systemFromFile(path: string): Record<string, unknown> {
  const system = definitionFromFile(path, SYSTEM_FIELDS, 'one system definition (id, department, clearance, purposes, jwks or jwksUrl, …)');
  return { ...system, ...(system.jwks ? { jwks: JSON.stringify(system.jwks) } : {}) };
}

function versionOf(text: string): number {
  const version = Number(text);
  if (!Number.isInteger(version) || version < 1) throw new UsageError(`"${text}" is not a version number`);
  return version;
}

/** Wraps an action: the client for the options given, and its answer printed. */
type Runner = (action: (client: AdminClient, ...args: string[]) => Promise<unknown>) => (...args: unknown[]) => Promise<void>;

export function registerRegistry(program: Command): void {
  const registry = program
    .command('registry')
    .description("a running gateway's registry, through its admin API: calling systems, purposes, bureaus and supergraph versions (administrators change, others read)");
  const run =
    (action: (client: AdminClient, ...args: string[]) => Promise<unknown>) =>
    async (...args: unknown[]) => {
      const options = args[args.length - 2] as AdminTarget;
      const client = await AdminClient.of(options);
      print(await action(client, ...(args.slice(0, -2) as string[])));
    };

  target(registry.command('list').argument('<what>', 'systems, purposes, bureaus, people, issuers or versions').description('print what the gateway holds, as JSON')).action(
    run(async (client, what) => {
      if (!(what! in LISTS)) throw new UsageError(`list what? one of ${Object.keys(LISTS).join(', ')}`);
      return client.request(LISTS[what as keyof typeof LISTS]);
    }),
  );
  target(
    registry
      .command('put-system')
      .description('register a calling system or replace its definition')
      .requiredOption('--file <file>', 'YAML or JSON: one system, as in policies/systems.yaml'),
  ).action(async (options: AdminTarget & { file: string }) => {
    const input = systemFromFile(options.file);
    print(await (await AdminClient.of(options)).request(`mutation ($input: SystemInput!) { putSystem(input: $input) { version } }`, { input }));
  });
  target(registry.command('remove-system').argument('<id>').description('remove a calling system: refused everywhere from its next request')).action(
    run((client, id) => client.request('mutation ($id: String!) { removeSystem(id: $id) { version } }', { id })),
  );
  target(registry.command('put-purpose').argument('<name>').requiredOption('--description <text>').description('register a purpose or change its description')).action(
    async (name: string, options: AdminTarget & { description: string }) => {
      const client = await AdminClient.of(options);
      print(
        await client.request('mutation ($name: String!, $description: String!) { putPurpose(name: $name, description: $description) { version } }', {
          name,
          description: options.description,
        }),
      );
    },
  );
  target(registry.command('remove-purpose').argument('<name>').description('remove a purpose no system declares')).action(
    run((client, name) => client.request('mutation ($name: String!) { removePurpose(name: $name) { version } }', { name })),
  );
  registerSupergraph(registry, run);
  registerPeople(registry, run);
}

/** People of the admin API and the OIDC issuers. */
function registerPeople(registry: Command, run: Runner): void {
  target(
    registry
      .command('put-person')
      .argument('<id>')
      .requiredOption('--name <name>')
      .requiredOption('--role <role...>', 'auditor, officer, administrator')
      .option('--department <id>', 'the department an officer acts for')
      .option('--issuer <url>', 'the OIDC issuer that vouches for them')
      .description('register a person of the admin API, or change their roles'),
  ).action(async (id: string, options: AdminTarget & { name: string; role: string[]; department?: string; issuer?: string }) => {
    const input = { id, name: options.name, roles: options.role, department: options.department ?? null, issuer: options.issuer ?? null };
    print(await (await AdminClient.of(options)).request('mutation ($input: PersonInput!) { putPerson(input: $input) { version } }', { input }));
  });
  target(registry.command('remove-person').argument('<id>').description('remove a person: their tokens are refused from their next request')).action(
    run((client, id) => client.request('mutation ($id: String!) { removePerson(id: $id) { version } }', { id })),
  );
  target(
    registry
      .command('put-issuer')
      .description('trust an OIDC issuer, or change what it may vouch for')
      .requiredOption('--file <file>', 'YAML or JSON: one issuer, as in policies/issuers.yaml'),
  ).action(async (options: AdminTarget & { file: string }) => {
    const input = definitionFromFile(options.file, ISSUER_FIELDS, 'one issuer (issuer, systemClaim, systems, personClaim, …)');
    print(await (await AdminClient.of(options)).request('mutation ($input: IssuerInput!) { putIssuer(input: $input) { version } }', { input }));
  });
  target(registry.command('remove-issuer').argument('<issuer>').description('stop trusting an OIDC issuer')).action(
    run((client, issuer) => client.request('mutation ($issuer: String!) { removeIssuer(issuer: $issuer) { version } }', { issuer })),
  );
}

/** Bureaus and the supergraph versions they make. */
function registerSupergraph(registry: Command, run: Runner): void {
  target(
    registry
      .command('put-bureau')
      .argument('<name>', 'its Federation subgraph name')
      .requiredOption('--url <url>', 'its GraphQL endpoint')
      .option('--department <id>', 'the department owning its data (default: the name)')
      .description('register a bureau or change its URL: composed and checked before it is served'),
  ).action(async (name: string, options: AdminTarget & { url: string; department?: string }) => {
    const client = await AdminClient.of(options);
    print(
      await client.request(`mutation ($input: BureauInput!) { putBureau(input: $input) ${BUREAU_CHANGE} }`, { input: { name, department: options.department ?? name, url: options.url } }),
    );
  });
  target(registry.command('remove-bureau').argument('<name>').description('stop federating a bureau')).action(
    run((client, name) => client.request(`mutation ($name: String!) { removeBureau(name: $name) ${BUREAU_CHANGE} }`, { name })),
  );
  target(registry.command('approve').argument('<version>').description('serve a pending supergraph version (another administrator than who proposed it)')).action(
    run((client, version) => client.request(`mutation ($v: Int!) { approveSupergraph(version: $v) ${VERSION} }`, { v: versionOf(version!) })),
  );
  target(registry.command('reject').argument('<version>').requiredOption('--reason <text>').description('refuse a pending supergraph version, with reasons')).action(
    async (version: string, options: AdminTarget & { reason: string }) => {
      const client = await AdminClient.of(options);
      print(await client.request(`mutation ($v: Int!, $reason: String!) { rejectSupergraph(version: $v, reason: $reason) ${VERSION} }`, { v: versionOf(version), reason: options.reason }));
    },
  );
  target(registry.command('rollback').argument('<version>').description('serve an earlier supergraph version again')).action(
    run((client, version) => client.request(`mutation ($v: Int!) { rollbackSupergraph(toVersion: $v) ${VERSION} }`, { v: versionOf(version!) })),
  );
}
