import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { UsageError } from '../cli.error.js';
import { PolicyWorkbench } from '../policy-workbench.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the SDL a calling system may read for a purpose (a contract of the supergraph, for code generators); a running gateway serves the same at GET /schema')
    .requiredOption('--system <id>', 'the calling system, e.g. civil-affairs.subsidy-review')
    .option('--purpose <purpose>', 'the purpose it declares (default: its only purpose)')
    .option('--at <instant>', 'decide at this ISO 8601 instant (time-limited grants); default now')
    .option('--out <file>', 'write the SDL to a file instead of stdout')
    .option('--policies <dir>', 'policy files to decide with (default: CAUSEWAY_POLICIES_DIR or policies/)')
    .option('--supergraph <file>', 'supergraph to decide against (default: CAUSEWAY_SUPERGRAPH_FILE, else the demo bureau schema files)')
    .action(async (options: { system: string; purpose?: string; at?: string; out?: string; policies?: string; supergraph?: string }) => {
      const now = options.at === undefined ? Date.now() : Date.parse(options.at);
      if (Number.isNaN(now)) throw new UsageError(`--at: "${options.at}" is not an ISO 8601 instant`);
      const workbench = await PolicyWorkbench.load(options);
      const subject = workbench.subject(options.system, options.purpose ?? workbench.onlyPurpose(options.system));
      const { sdl, coordinates } = workbench.contract(subject, now);
      if (options.out) {
        writeFileSync(options.out, sdl);
        process.stderr.write(`${options.out}: ${coordinates.length} fields ${subject.system} may read for ${subject.purpose}\n`);
      } else {
        process.stdout.write(sdl.endsWith('\n') ? sdl : `${sdl}\n`);
      }
    });
}
