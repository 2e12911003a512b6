import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolveFromCwd } from '#config';
import { CommandFailedError } from '../cli.error.js';
import { dataDirFrom } from '../gateway-keys.js';
import { PORT_BASE_OPTION, portBaseOf } from '../port-base.js';
import { bureausFrom, composeFromBureaus } from '../supergraph-source.js';

export function registerCompose(program: Command): void {
  program
    .command('compose')
    .description('compose the supergraph from the running bureaus and write it (what a static gateway deployment loads)')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .option('-b, --bureau <name=url>', 'a bureau to include (repeatable; default: CAUSEWAY_BUREAUS or the demo bureaus)', collect)
    .option('--data-dir <dir>', "the gateway's data directory, for its signing keys (default: CAUSEWAY_DATA_DIR or .causeway)")
    .option(...PORT_BASE_OPTION)
    .action(async (options: { out?: string; bureau?: string[]; dataDir?: string; portBase: string }) => {
      const { bureaus } = bureausFrom(options.bureau, portBaseOf(options.portBase));
      const { sdl } = await composeFromBureaus(bureaus, dataDirFrom(options.dataDir));
      if (!options.out) {
        process.stdout.write(sdl.endsWith('\n') ? sdl : `${sdl}\n`);
        return;
      }
      const file = resolveFromCwd(options.out);
      try {
        writeFileSync(file, sdl);
      } catch (error) {
        throw new CommandFailedError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      process.stderr.write(`supergraph of ${bureaus.length} bureaus written to ${file}\n`);
    });
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
