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

/** The newest mtime of files with `extensions` under `dir`, leaving out the directories in `skip`. */
function newestSource(dir, extensions = ['.ts'], skip = []) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && skip.includes(path)) continue;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path, extensions, skip));
    else if (extensions.some((extension) => entry.name.endsWith(extension))) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sourcesPresent = existsSync(join(root, 'apps'));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (sourcesPresent && existsSync(tsc)) {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const sources = Math.max(
    // The console is built by Vite (below), not by tsc.
    newestSource(join(root, 'apps'), ['.ts'], [join(root, 'apps', 'console')]),
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
// The console (apps/console, React built by Vite): built when missing or older than its sources.
const consoleSources = join(root, 'apps', 'console');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (existsSync(consoleSources) && existsSync(vite)) {
  const page = join(root, 'dist', 'console', 'index.html');
  const built = existsSync(page) ? statSync(page).mtimeMs : 0;
  const sources = Math.max(newestSource(consoleSources, ['.ts', '.tsx', '.html', '.graphql']), statSync(join(root, 'package-lock.json')).mtimeMs);
  if (sources > built) {
    process.stderr.write('causeway: building the console…\n');
    try {
      execFileSync(process.execPath, [join(root, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', 'apps/console/codegen.ts', '--silent'], {
        stdio: 'inherit',
        cwd: root,
      });
      execFileSync(process.execPath, [vite, 'build', '--config', 'apps/console/vite.config.ts'], { stdio: 'inherit', cwd: root });
    } catch {
      process.stderr.write('causeway: the console build failed; see the errors above\n');
      process.exit(1);
    }
  }
}
await import('../dist/apps/cli/src/main.js');
