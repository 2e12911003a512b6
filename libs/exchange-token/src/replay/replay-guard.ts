/**
 * Remembers the ids of single-use tokens until they expire, so that each is
 * accepted once: in process memory (one process, until it stops), in an
 * SQLite file (one host, across restarts), or in Redis (every replica,
 * across restarts).
 */
export interface ReplayGuard {
  /** Records `id`, valid until `exp` (seconds since the epoch); false when it was seen before. */
  firstUse(id: string, exp: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The store of used token ids could not be asked: the token cannot be shown unused, and is refused. */
export class ReplayGuardUnavailableError extends Error {}
