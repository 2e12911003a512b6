import { parseArgs } from 'node:util';

/** The targets `npm run bench -- --only …` can pick. */
const TARGETS = ['direct', 'bare', 'hive', 'sqlite', 'apollo-engine', 'postgres', 'layers'] as const;

/** The command line of `npm run bench` (see run.ts), checked. */
export function parseBenchArgs() {
  const { values: args } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      operations: { type: 'string' },
      profile: { type: 'string' },
      env: { type: 'string', multiple: true },
      variant: { type: 'string', multiple: true },
    },
    strict: true,
  });
  const only = new Set(args.only ? args.only.split(',').map((target) => target.trim()) : TARGETS);
  for (const target of only) {
    if (!(TARGETS as readonly string[]).includes(target)) throw new Error(`--only: unknown target "${target}" (known: ${TARGETS.join(', ')})`);
  }
  return {
    TARGETS,
    args,
    quick: args.quick!,
    only,
    extraEnv: Object.fromEntries((args.env ?? []).map(keyValue('env'))),
    variants: (args.variant ?? []).map(keyValue('variant')),
  };
}

const keyValue = (option: string) => (pair: string) => {
  const at = pair.indexOf('=');
  if (at <= 0) throw new Error(`--${option}: expected KEY=VALUE, got "${pair}"`);
  return [pair.slice(0, at), pair.slice(at + 1)] as const;
};

/** The compiled entry point of one of the apps. */
export const appScript = (app: string, entry = 'main') => `dist/apps/${app}/src/${entry}.js`;

export const slug = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
