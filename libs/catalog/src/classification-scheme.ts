import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PII_KINDS, SHARING_MODES, type PiiKind, type SharingMode } from './governance.directives.js';

/** Values of one PII kind that can be read out of another's (an ID number holds the birth date). */
export interface PiiDerivation {
  from: PiiKind;
  derived: PiiKind[];
}

export interface ClassificationLevel {
  name: string;
  rank: number;
  description: string;
}

/** The ordered levels and the defaults for unlabelled fields, from policies/. */
export class ClassificationScheme {
  private readonly byName: Map<string, ClassificationLevel>;
  /** The level names, lowest first. */
  readonly names: readonly string[];
  /** Level name → rank. */
  readonly ranks: ReadonlyMap<string, number>;

  constructor(
    readonly levels: readonly ClassificationLevel[],
    readonly defaultLevel: string,
    readonly defaultSharing: SharingMode,
    /** Which PII kinds can be derived from which: their masks must agree (grant validation warns otherwise). */
    readonly derivations: readonly PiiDerivation[] = [],
  ) {
    this.byName = new Map(levels.map((level) => [level.name, level]));
    this.names = levels.map((level) => level.name);
    this.ranks = new Map(levels.map((level) => [level.name, level.rank]));
  }

  has(level: string): boolean {
    return this.byName.has(level);
  }

  /** Rank of a level; an unknown level ranks above every known one (fail closed). */
  rank(level: string): number {
    return this.byName.get(level)?.rank ?? this.levels.length;
  }

  get highest(): ClassificationLevel {
    return this.levels[this.levels.length - 1]!;
  }
}

const fileSchema = z
  .object({
    levels: z
      .array(
        z.object({
          name: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'level names are UPPER_SNAKE_CASE'),
          description: z.string().default(''),
        }),
      )
      .min(2, 'at least two levels are needed'),
    defaultLevel: z.string(),
    defaultSharing: z.enum(SHARING_MODES),
    derivations: z.array(z.object({ from: z.enum(PII_KINDS), derived: z.array(z.enum(PII_KINDS)).min(1) })).default([]),
  })
  .superRefine((value, ctx) => {
    const names = value.levels.map((level) => level.name);
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: 'level names must be unique' });
    }
    const rank = names.indexOf(value.defaultLevel);
    if (rank < 0) {
      ctx.addIssue({ code: 'custom', path: ['defaultLevel'], message: `"${value.defaultLevel}" is not a listed level` });
    } else if (rank === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultLevel'],
        message: 'must not be the lowest level: unlabelled data is never public',
      });
    }
  });

export function parseClassificationScheme(text: string, source = 'classification scheme'): ClassificationScheme {
  const result = fileSchema.safeParse(parseYaml(text));
  if (!result.success) {
    const details = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid ${source}: ${details.join('; ')}`);
  }
  const { levels, defaultLevel, defaultSharing, derivations } = result.data;
  return new ClassificationScheme(
    levels.map((level, rank) => ({ name: level.name, rank, description: level.description })),
    defaultLevel,
    defaultSharing,
    derivations,
  );
}

export function loadClassificationScheme(path: string): ClassificationScheme {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`Cannot read the classification scheme at ${path}`);
  }
  return parseClassificationScheme(text, path);
}
