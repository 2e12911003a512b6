import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readPolicyFile } from '#config';
import { MASK_KINDS } from '#policy';
import { UsageError } from './cli.error.js';
import { decisionRows, type DecisionRow } from '#policy';
import type { PolicyWorkbench } from './policy-workbench.js';

const DENIALS = ['UNKNOWN_OWNER', 'CLEARANCE', 'DENIED_BY_GRANT', 'NOT_SHARED', 'NO_GRANT'] as const;

/**
 * An expected outcome: `allow` (served in clear), `allow MASK` (served
 * masked), `deny` (refused, any reason) or `deny REASON`.
 */
const outcomeSchema = z
  .string()
  .regex(
    new RegExp(`^(allow( (${MASK_KINDS.join('|')}))?|deny( (${DENIALS.join('|')}))?)$`),
    `an outcome is "allow", "allow <${MASK_KINDS.join('|')}>", "deny" or "deny <${DENIALS.join('|')}>"`,
  );

const instant = z.iso.datetime({ offset: true });

const fixtureFile = z.object({
  /** Instant the decisions are made at (time-limited grants); default: now. */
  at: instant.optional(),
  tests: z
    .array(
      z.object({
        name: z.string().min(1),
        system: z.string(),
        purpose: z.string(),
        at: instant.optional(),
        operation: z.string(),
        operationName: z.string().optional(),
        /** Response path (aliases, dots) → outcome; paths left out are not checked. */
        expect: z.record(z.string(), outcomeSchema).refine((value) => Object.keys(value).length > 0, 'expect at least one field'),
      }),
    )
    .min(1),
});

export interface FixtureResult {
  file: string;
  name: string;
  failures: string[];
}

/** The fixture files in a directory (`*.yaml`, `*.yml`), or the one file given. */
export function fixtureFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`${path}: no such file or directory`);
  }
  if (!stat.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(path, name));
  if (files.length === 0) throw new UsageError(`${path}: no policy fixtures (*.yaml) found`);
  return files;
}

/** Runs every test of one fixture file; a fixture that cannot be run (bad file, unknown system) is a usage error. */
export function runFixtureFile(workbench: PolicyWorkbench, file: string): FixtureResult[] {
  let fixtures: z.infer<typeof fixtureFile>;
  try {
    fixtures = readPolicyFile(fixtureFile, file);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return fixtures.tests.map((test) => {
    const at = test.at ?? fixtures.at;
    const subject = workbench.subject(test.system, test.purpose);
    const document = workbench.operation(test.operation, `${file}: ${test.name}`);
    const rows = decisionRows(workbench.decide(subject, document, test.operationName, at ? Date.parse(at) : Date.now()));
    const failures = Object.entries(test.expect).flatMap(([path, expected]) => compare(path, expected, rows));
    return { file, name: test.name, failures };
  });
}

function compare(path: string, expected: string, rows: readonly DecisionRow[]): string[] {
  const atPath = rows.filter((row) => row.path === path);
  if (atPath.length === 0) return [`${path}: the operation does not select this path (selected: ${[...new Set(rows.map((r) => r.path))].join(', ')})`];
  const [verb, detail] = expected.split(' ');
  const first = atPath[0]!;
  const actual = first.outcome === 'allow' ? `allow${first.mask ? ` ${first.mask}` : ''}` : `deny ${atPath.map((row) => row.denial).find((d) => d !== 'DENIED_ELSEWHERE') ?? ''}`.trim();
  const why = atPath.flatMap((row) => row.rules).join(', ');
  const matches = verb === 'allow' ? first.outcome === 'allow' && (first.mask ?? undefined) === detail : first.outcome === 'deny' && (detail === undefined || actual === expected);
  return matches ? [] : [`${path}: expected ${expected}, got ${actual} (decided by ${why})`];
}

export function readQueryFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
