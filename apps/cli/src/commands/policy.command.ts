import type { Command } from 'commander';
import { relative } from 'node:path';
import { UsageError } from '../cli.error.js';
import { fixtureFiles, readQueryFile, runFixtureFile, type FixtureResult } from '../policy-fixtures.js';
import { decisionRows } from '#policy';
import { formatDecisions } from '../policy-report.js';
import { PolicyWorkbench } from '../policy-workbench.js';

interface SourceOptions {
  policies?: string;
  supergraph?: string;
}

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('field-level access policy: simulate decisions, run policy fixtures');
  const sourceOptions = (command: Command) =>
    command
      .option('--policies <dir>', 'policy files to decide with (default: CAUSEWAY_POLICIES_DIR or policies/)')
      .option('--supergraph <file>', 'supergraph to decide against (default: CAUSEWAY_SUPERGRAPH_FILE, else the demo bureau schema files)');

  sourceOptions(
    policy
      .command('simulate')
      .description('print the decision, mask and deciding rule for every field an operation selects, without fetching data')
      .requiredOption('--system <id>', 'the calling system, e.g. civil-affairs.subsidy-review')
      .requiredOption('--purpose <purpose>', 'the purpose the caller declares')
      .requiredOption('--query <file>', 'file holding the GraphQL operation')
      .option('--operation <name>', 'which operation of the file, when it holds several')
      .option('--at <instant>', 'decide at this ISO 8601 instant (time-limited grants); default now')
      .option('--json', 'print data (JSON) instead of a table'),
  ).action(async (options: SourceOptions & { system: string; purpose: string; query: string; operation?: string; at?: string; json?: boolean }) => {
    const now = options.at === undefined ? Date.now() : Date.parse(options.at);
    if (Number.isNaN(now)) throw new UsageError(`--at: "${options.at}" is not an ISO 8601 instant`);
    const text = readQueryFile(options.query);
    const workbench = await PolicyWorkbench.load(options);
    const subject = workbench.subject(options.system, options.purpose);
    const rows = decisionRows(workbench.decide(subject, workbench.operation(text, options.query), options.operation, now));
    const source = `policies: ${relative(process.cwd(), workbench.policiesDir) || '.'} (${workbench.engine.grantCount} grants) · schema: ${workbench.supergraphSource}`;
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ subject, at: new Date(now).toISOString(), fields: rows }, null, 2)}\n`);
    } else {
      process.stdout.write(`${formatDecisions(subject, rows, source)}\n`);
    }
  });

  sourceOptions(
    policy
      .command('test')
      .argument('<path>', 'a directory of policy fixtures (*.yaml) or one fixture file')
      .description('run policy fixtures (caller, purpose, operation → expected outcome per field); exit 1 on any difference')
      .option('-v, --verbose', 'list passing tests too'),
  ).action(async (path: string, options: SourceOptions & { verbose?: boolean }) => {
    const workbench = await PolicyWorkbench.load(options);
    const results: FixtureResult[] = fixtureFiles(path).flatMap((file) => runFixtureFile(workbench, file));
    const failed = results.filter((result) => result.failures.length > 0);
    for (const result of results) {
      if (result.failures.length === 0) {
        if (options.verbose) process.stdout.write(`PASS ${relative(process.cwd(), result.file)}: ${result.name}\n`);
        continue;
      }
      process.stdout.write(`FAIL ${relative(process.cwd(), result.file)}: ${result.name}\n`);
      for (const failure of result.failures) process.stdout.write(`  ${failure}\n`);
    }
    process.stdout.write(`${failed.length === 0 ? 'PASS' : 'FAIL'}: ${results.length - failed.length}/${results.length}\n`);
    if (failed.length > 0) process.exitCode = 1;
  });
}
