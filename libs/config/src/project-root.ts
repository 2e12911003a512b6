import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The directory holding Causeway's package.json. Source (`libs/…`) and
 * compiled (`dist/libs/…`) code sit at different depths, so walk up instead
 * of counting `..`.
 */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'causeway') return (cached = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot locate the Causeway package root');
    dir = parent;
  }
}

/** Resolves a path from configuration: absolute as given, relative to the working directory. */
export function resolveFromCwd(path: string): string {
  return resolve(process.cwd(), path);
}
