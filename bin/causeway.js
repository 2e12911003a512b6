#!/usr/bin/env node
// Entry point of the `causeway` command. Compiles the TypeScript sources
// first when dist/ is missing or older than them, so `npm start` and
// `npx causeway …` work straight after `npm install`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requiredMajor, runtimeWarning } from './node-runtime.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Said once, on the one stream people read, before anything else happens.
const warning = runtimeWarning(process.versions.node, requiredMajor(root));
if (warning) process.stderr.write(`${warning}\n`);
const stamp = join(root, 'dist', '.build-stamp');

function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sourcesPresent = existsSync(join(root, 'apps'));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (sourcesPresent && existsSync(tsc)) {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const sources = Math.max(
    newestSource(join(root, 'apps')),
    newestSource(join(root, 'libs')),
    statSync(join(root, 'tsconfig.json')).mtimeMs,
    statSync(join(root, 'tsconfig.build.json')).mtimeMs,
  );
  if (sources > built) {
    process.stderr.write('causeway: compiling TypeScript sources…\n');
    try {
      execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
    } catch {
      process.stderr.write('causeway: the build failed; see the errors above\n');
      process.exit(1);
    }
    writeFileSync(stamp, new Date().toISOString());
  }
}
await import('../dist/apps/cli/src/main.js');
