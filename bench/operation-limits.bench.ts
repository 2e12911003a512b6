/**
 * Limits benchmark (issue 14): how long the check phase takes to measure an
 * operation (depth, aliases, root fields, fields after fragment expansion,
 * directives, records), against parsing the same text — the work every
 * request already pays — side by side, for documents of 1,000, 10,000 and
 * 100,000 selections, and for a fragment-doubling document whose 2^40
 * fields are counted without being expanded. Linear time shows as a flat
 * cost per selection.
 *
 * Run: npm run bench:limits
 */
import { parse } from 'graphql';
import { demoPeople } from '#demo-data';
import { measureOperation } from '#policy';
import { benchOperations } from './bench-operations.js';
import { formatMicros, measure } from './measure.js';

/** A wide and nested document of about `selections` selections, spread through fragments. */
function document(selections: number): string {
  const perFragment = 10;
  const fragments = Math.max(1, Math.floor(selections / (perFragment + 2)));
  const body = Array.from({ length: perFragment }, (_, i) => `f${i}: name`).join(' ');
  const defs = Array.from({ length: fragments }, (_, i) => `fragment F${i} on Person { ${body} representedEnterprises { name } }`).join('\n');
  const spreads = Array.from({ length: fragments }, (_, i) => `...F${i}`).join(' ');
  return `{ people(first: 5) { nodes { ${spreads} } } }\n${defs}`;
}

function doubling(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Person { ...F${i} ...F${i} }`);
  return `{ person(idNumber: "1") { ...F${levels} } } fragment F0 on Person { name } ${fragments.join(' ')}`;
}

console.log('| document | selections | parse (baseline) | measure | measure / parse | per selection |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [label, text, selections] of [
  ['wide, fragments', document(1_000), 1_000],
  ['wide, fragments', document(10_000), 10_000],
  ['wide, fragments', document(100_000), 100_000],
  ['fragments doubling 40 times', doubling(40), 2 ** 40],
] as const) {
  const parsed = parse(text);
  const parsing = measure(() => parse(text), { minMs: 500 });
  const measuring = measure(() => measureOperation(parsed), { minMs: 500 });
  const counted = measureOperation(parsed).fields;
  console.log(
    `| ${label} (${counted.toLocaleString('en')} fields) | ${selections.toLocaleString('en')} | ${formatMicros(parsing.microseconds)} | ${formatMicros(measuring.microseconds)} | ${(measuring.microseconds / parsing.microseconds).toFixed(2)} | ${formatMicros(measuring.microseconds / Math.min(selections, text.length))} |`,
  );
}

// What every request pays: the limits stage finds the parsed text in its
// cache and measures it (a new text is parsed once). Compare with the CPU
// per exchange that `npm run bench` reports for the same operations.
console.log('\n| operation (per request) | parse (a new text) | cached: lookup + measure |');
console.log('|---|---:|---:|');
for (const operation of Object.values(benchOperations(demoPeople().slice(0, 1)))) {
  const { query, variables } = JSON.parse(operation.bodies[0]!) as { query: string; variables: Record<string, unknown> };
  const cache = new Map([[query, parse(query)]]);
  const parsing = measure(() => parse(query), { minMs: 500 });
  const checking = measure(() => measureOperation(cache.get(query)!, null, variables), { minMs: 500 });
  console.log(`| ${operation.name} | ${formatMicros(parsing.microseconds)} | ${formatMicros(checking.microseconds)} |`);
}
