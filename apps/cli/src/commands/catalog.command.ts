import type { Command } from 'commander';
import { policiesDirOf } from '#config';
import { Catalog, formatCatalogTable, loadGovernancePolicies, PII_KINDS, SHARING_MODES, type CatalogFilter } from '#catalog';
import { CommandFailedError, UsageError } from '../cli.error.js';
import { bureausFrom, composeDemoSchemas, composeFromBureaus, readSupergraphFile, type SupergraphResult } from '../supergraph-source.js';
import { cliConfig } from '../cli.config.js';
import { PORT_BASE_OPTION, portBaseOf } from '../port-base.js';
import { dataDirFrom } from '../gateway-keys.js';
import { collect } from './compose.command.js';

interface CatalogOptions {
  json?: boolean;
  owner?: string;
  level?: string;
  pii?: string;
  sharing?: string;
  search?: string;
  supergraph?: string;
  bureau?: string[];
  policies?: string;
  dataDir?: string;
  portBase: string;
}

export function registerCatalog(program: Command): void {
  program
    .command('catalog')
    .description('print the data catalog: every Type.field with owner, level, PII kind and sharing mode')
    .option('--json', 'print data (JSON) instead of a table')
    .option('--owner <bureau>', 'only fields this bureau owns')
    .option('--level <level>', 'only fields at this classification level')
    .option('--pii <kind>', `only fields of this PII kind (${PII_KINDS.join(', ')})`)
    .option('--sharing <mode>', `only fields with this sharing mode (${SHARING_MODES.join(', ')})`)
    .option('--search <text>', 'only fields whose coordinate or description contains the text')
    .option('--supergraph <file>', 'read this supergraph file (default: CAUSEWAY_SUPERGRAPH_FILE, else the running bureaus)')
    .option('-b, --bureau <name=url>', 'compose from this bureau (repeatable)', collect)
    .option('--data-dir <dir>', "the gateway's data directory, for its signing keys (default: CAUSEWAY_DATA_DIR or .causeway)")
    .option(...PORT_BASE_OPTION)
    .option('--policies <dir>', 'directory holding classification.yaml and ownership.yaml (default: CAUSEWAY_POLICIES_DIR or policies/)')
    .action(async (options: CatalogOptions) => {
      let policies;
      try {
        policies = loadGovernancePolicies(policiesDirOf(cliConfig().policiesDir(options.policies)));
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const { scheme } = policies;
      const supergraph = await resolveSupergraph(options);
      let catalog: Catalog;
      try {
        catalog = Catalog.fromSupergraph(supergraph.sdl, scheme, policies.entityOwners);
      } catch (error) {
        throw new CommandFailedError(`${supergraph.source}: ${(error as Error).message}`);
      }
      const filter = validateFilter(options, catalog);
      const entries = catalog.entries(filter);
      if (options.json) {
        const data = {
          source: supergraph.source,
          supergraphHash: catalog.supergraphHash,
          levels: scheme.names,
          defaultLevel: scheme.defaultLevel,
          fields: entries,
          problems: catalog.problems,
        };
        process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${formatCatalogTable(entries)}\n`);
      process.stdout.write(`\n${entries.length} of ${catalog.size} fields · source: ${supergraph.source} · * = unlabelled, default level ${scheme.defaultLevel}\n`);
      for (const problem of catalog.problems) process.stdout.write(`warning: ${problem.coordinate}: ${problem.message}\n`);
    });
}

async function resolveSupergraph(options: CatalogOptions): Promise<SupergraphResult> {
  const file = cliConfig().supergraphFile(options.supergraph);
  if (file) return readSupergraphFile(file);
  const { bureaus, explicit } = bureausFrom(options.bureau, portBaseOf(options.portBase));
  try {
    return await composeFromBureaus(bureaus, dataDirFrom(options.dataDir), 3000);
  } catch (error) {
    // With no bureaus configured, the demo bureaus' own schema files describe
    // the same graph; say so on stderr and keep stdout pure data.
    if (explicit || !(error instanceof CommandFailedError)) throw error;
    process.stderr.write(`note: demo bureaus not running (${error.message}); catalog built from their schema files\n`);
    return composeDemoSchemas();
  }
}

function validateFilter(options: CatalogOptions, catalog: Catalog): CatalogFilter {
  const owners = catalog.owners();
  if (options.owner && !owners.includes(options.owner)) {
    throw new UsageError(`unknown owner "${options.owner}"; owners in this catalog: ${owners.join(', ')}`);
  }
  const levels = catalog.scheme.names;
  if (options.level && !levels.includes(options.level)) {
    throw new UsageError(`unknown level "${options.level}"; levels: ${levels.join(', ')}`);
  }
  if (options.pii && !(PII_KINDS as readonly string[]).includes(options.pii)) {
    throw new UsageError(`unknown PII kind "${options.pii}"; kinds: ${PII_KINDS.join(', ')}`);
  }
  if (options.sharing && !(SHARING_MODES as readonly string[]).includes(options.sharing)) {
    throw new UsageError(`unknown sharing mode "${options.sharing}"; modes: ${SHARING_MODES.join(', ')}`);
  }
  return { owner: options.owner, level: options.level, pii: options.pii, sharing: options.sharing, text: options.search };
}
