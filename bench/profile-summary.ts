/**
 * Where a target's CPU time went: self time of a `--cpu-prof` profile
 * (from `npm run bench -- --profile DIR`), by package and by function, and
 * the inclusive time of Causeway's own functions.
 *
 *   node dist/bench/profile-summary.js DIR/causeway-every-layer-sqlite-ledger/*.cpuprofile [--top 40]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '30' } }, allowPositionals: true, strict: true });
const top = Number(values.top);

/** The package a script belongs to: node_modules/<name>, Causeway's own dist/<dir>, node: internals. */
function packageOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 14).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const dist = /\/dist\/(apps\/[^/]+|libs\/[^/]+|bench)\//.exec(url);
  return dist ? `causeway ${dist[1]}` : url;
}

const frame = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/(node_modules|dist)\//, '')}:${node.callFrame.lineNumber + 1}`;

function table(title: string, totals: Map<string, number>, all: number): void {
  console.log(`\n${title}`);
  for (const [key, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * micros) / all).toFixed(1).padStart(6)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  }
}

for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const idle = new Set(['(idle)', '(program)']);
  let busy = 0;
  let total = 0;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, micros] of self) {
    const node = byId.get(id)!;
    total += micros;
    if (idle.has(node.callFrame.functionName)) continue;
    busy += micros;
    const pkg = node.callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : packageOf(node.callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
    byFunction.set(frame(node), (byFunction.get(frame(node)) ?? 0) + micros);
    // Inclusive time of Causeway's own functions (each counted once per stack).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const ancestor = byId.get(at)!;
      if (!packageOf(ancestor.callFrame.url).startsWith('causeway')) continue;
      const key = frame(ancestor);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + micros);
    }
  }
  console.log(`# ${file}\nbusy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled (percentages are of busy time)`);
  table('self time by package', byPackage, busy);
  table('self time by function', byFunction, busy);
  table("inclusive time of Causeway's functions", inclusive, busy);
}
