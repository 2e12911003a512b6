import { z } from 'zod';
import { PII_KINDS } from '#catalog';
import { MASK_KINDS } from './masks.js';

/**
 * A grant target: one field (`Person.householdAddress`), every field of a
 * type (`Person.*`), a PII kind (`pii:ID_NUMBER`) or a level (`level:SENSITIVE`:
 * every field at exactly that level).
 */
const targetSchema = z
  .string()
  .regex(new RegExp(`^([A-Z][A-Za-z0-9_]*\\.([a-z_][A-Za-z0-9_]*|\\*)|pii:(${PII_KINDS.join('|')})|level:[A-Z][A-Z0-9_]*)$`), 'a target is Type.field, Type.*, pii:KIND or level:LEVEL');

/** `clear` lifts the default PII mask; `mask:KIND` applies that mask instead of the default. */
const obligationSchema = z.union([z.literal('clear'), z.enum(MASK_KINDS.map((kind) => `mask:${kind}`) as [string, ...string[]])]);

/**
 * Usage obligations the consumer accepts with a grant (使用约定): delete
 * what it was served after N days, share it no further, log its own use.
 * Recorded with the grant and shown to both sides; the gateway cannot see
 * into the consumer, so these bind by agreement, not by enforcement.
 */
export const DUTY_PATTERN = /^(delete-after:[1-9][0-9]{0,3}|no-onward-sharing|usage-logged)$/;
const dutySchema = z.string().regex(DUTY_PATTERN, 'a duty is delete-after:DAYS, no-onward-sharing or usage-logged');

export const grantSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'grant ids are lower-case, at most 64 characters'),
  /** A department (`civil-affairs`) or one system (`civil-affairs.subsidy-review`). */
  subject: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9.-]*)?$/),
  /** The department owning the data the grant is about; only it may grant. */
  owner: z.string().regex(/^[a-z][a-z0-9-]*$/),
  target: targetSchema,
  /** Highest level the grant covers. */
  maxLevel: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  /** A registered purpose, or `*` for any. */
  purpose: z.string().regex(/^(\*|[a-z][a-z0-9-]*)$/),
  /** ISO 8601 instant after which the grant no longer applies; null = open-ended. */
  validUntil: z.iso.datetime({ offset: true }).nullable().default(null),
  effect: z.enum(['allow', 'deny']),
  obligations: z.array(obligationSchema).default([]),
  /** Legal basis or application reference (依据), for people reading the grant. */
  basis: z.string().max(500).nullable().default(null),
  /** Exchanges a day (UTC day) that this grant may serve; past it, the consumer's operations needing it are refused. null = no limit. */
  dailyLimit: z.number().int().min(1).max(100_000_000).nullable().default(null),
  duties: z.array(dutySchema).max(10).default([]),
});

export type Grant = z.infer<typeof grantSchema>;
export type GrantInput = z.input<typeof grantSchema>;

/** Validates a grant against the schema and the classification levels; throws naming every problem. */
export function parseGrant(input: unknown, levels: readonly string[]): Grant {
  const result = grantSchema.safeParse(input);
  const label = (input as { id?: unknown } | null)?.id ?? '(no id)';
  if (!result.success) {
    throw new Error(`grant ${String(label)}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const grant = result.data;
  if (!levels.includes(grant.maxLevel)) throw new Error(`grant ${grant.id}: unknown level ${grant.maxLevel}`);
  if (grant.target.startsWith('level:') && !levels.includes(grant.target.slice(6))) {
    throw new Error(`grant ${grant.id}: unknown level in target ${grant.target}`);
  }
  if (grant.effect === 'deny' && grant.obligations.length > 0) throw new Error(`grant ${grant.id}: a deny carries no obligations`);
  if (grant.effect === 'deny' && (grant.dailyLimit !== null || grant.duties.length > 0)) throw new Error(`grant ${grant.id}: a deny carries no conditions`);
  return grant;
}
