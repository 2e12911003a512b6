import type { Grant } from '#policy';

/** Days before its end from which a grant is shown as expiring: time to apply for renewal (续期). */
export const EXPIRING_WITHIN_DAYS = 30;

export type GrantStatus = 'ACTIVE' | 'EXPIRING' | 'LAPSED';

/** Where a grant stands at `now`: in force, in force but ending within EXPIRING_WITHIN_DAYS, or lapsed (it serves nothing any more). */
export function grantStatus(grant: Pick<Grant, 'validUntil'>, now: number): GrantStatus {
  if (grant.validUntil === null) return 'ACTIVE';
  const end = Date.parse(grant.validUntil);
  if (end <= now) return 'LAPSED';
  return end - now <= EXPIRING_WITHIN_DAYS * 86_400_000 ? 'EXPIRING' : 'ACTIVE';
}
