/** One grant row of a partition, in the order the grants were given. */
export interface PartitionRow {
  /** Position of the grant among its partition's grants (their order is the order given). */
  grant: number;
  /** Rank of the grant's `maxLevel` (-1 when the level is unknown: it covers nothing). */
  maxRank: number;
  /** End of validity in epoch ms; Infinity = open-ended. */
  until: number;
  effect: 'allow' | 'deny';
}

/** What decides in a partition for one field rank at one instant. */
export interface PartitionMatch {
  grant: number;
  effect: 'allow' | 'deny';
}

/**
 * The rows covering every field rank up to `rank`, in row order, with the
 * reach of their validity: `denyReach[i]` is the latest end among the deny
 * rows 0..i (non-decreasing), `allowReach[i]` the latest end among the allow
 * rows i..end (non-increasing). Row i is valid at `now` iff its end is later.
 */
interface Tier {
  rank: number;
  deny: readonly number[];
  denyReach: readonly number[];
  allow: readonly number[];
  allowReach: readonly number[];
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * The grants of one engine partition (one owner, subject, target and
 * purpose), indexed for the question Casbin's matcher asks of them.
 *
 * Inside a partition the matcher's target and purpose terms are the same
 * for every row, so a row matches a field exactly when the field's rank is
 * within the row's `maxLevel` and the row is still valid. Casbin's effect
 * (`some(allow) && !some(deny)`) with `enforceEx` then names the first
 * matching deny row, or else the last matching allow row. This index
 * answers the same in O(log n) per query instead of Casbin's O(n) matcher
 * evaluations of ≈1–20 µs each (a 100-field operation consults hundreds of
 * partitions); the engine holds every partition to Casbin's own answer when
 * it is built (see casbin-agreement.ts).
 */
export class GrantPartition {
  private constructor(
    /** Ordered by rank, highest first; tier k holds the rows with maxRank ≥ its rank. */
    private readonly tiers: readonly Tier[],
  ) {}

  static of(rows: readonly PartitionRow[]): GrantPartition {
    const ranks = [...new Set(rows.map((row) => row.maxRank).filter((rank) => rank >= 0))].sort((a, b) => b - a);
    const tiers = ranks.map((rank) => tier(rank, rows));
    return new GrantPartition(tiers);
  }

  /** The ranks at which the answer can change: each tier's, and one above the highest (where nothing covers). */
  get boundaryRanks(): number[] {
    const ranks = this.tiers.map((tier) => tier.rank);
    return this.tiers.length ? [ranks[0]! + 1, ...ranks] : [0];
  }

  /** The deciding row for a field at `rank` at `now`, or null when none matches. */
  decisive(rank: number, now: number): PartitionMatch | null {
    // The tier with the smallest rank still ≥ the field's rank holds exactly the rows covering it.
    let covering: Tier | undefined;
    for (const candidate of this.tiers) {
      if (candidate.rank < rank) break;
      covering = candidate;
    }
    if (!covering) return null;
    const deny = firstAbove(covering.denyReach, now);
    if (deny >= 0) return { grant: covering.deny[deny]!, effect: 'deny' };
    const allow = lastAbove(covering.allowReach, now);
    return allow >= 0 ? { grant: covering.allow[allow]!, effect: 'allow' } : null;
  }
}

function tier(rank: number, rows: readonly PartitionRow[]): Tier {
  const covering = rows.filter((row) => row.maxRank >= rank);
  const deny = covering.filter((row) => row.effect === 'deny');
  const allow = covering.filter((row) => row.effect === 'allow');
  const denyReach: number[] = [];
  let reach = -Infinity;
  for (const row of deny) denyReach.push((reach = Math.max(reach, validEnd(row))));
  const allowReach = new Array<number>(allow.length);
  reach = -Infinity;
  for (let i = allow.length - 1; i >= 0; i--) allowReach[i] = reach = Math.max(reach, validEnd(allow[i]!));
  return {
    rank,
    deny: deny.length ? deny.map((row) => row.grant) : NONE,
    denyReach: deny.length ? denyReach : NONE,
    allow: allow.length ? allow.map((row) => row.grant) : NONE,
    allowReach: allow.length ? allowReach : NONE,
  };
}

/** An end that cannot be read is never valid (as Casbin's `Number(until) > now` is false for NaN). */
function validEnd(row: PartitionRow): number {
  return Number.isNaN(row.until) ? -Infinity : row.until;
}

/** First index whose value exceeds `now` in a non-decreasing array, or -1. */
function firstAbove(values: readonly number[], now: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! > now) high = middle;
    else low = middle + 1;
  }
  return low < values.length ? low : -1;
}

/** Last index whose value exceeds `now` in a non-increasing array, or -1. */
function lastAbove(values: readonly number[], now: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! > now) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
