import { createContext, useContext } from 'react';

/** Who is signed in, with the token the admin API takes and when it stops being accepted. */
export interface Session {
  token: string;
  expiresAt: string;
  person: { id: string; name: string; roles: string[]; department: string | null };
}

const STORED = 'causeway.session';

/** The session kept for this browser tab only (sessionStorage), if it has not expired. */
export function storedSession(now = Date.now()): Session | null {
  const raw = sessionStorage.getItem(STORED);
  if (!raw) return null;
  const session = JSON.parse(raw) as Session;
  if (Date.parse(session.expiresAt) <= now) {
    sessionStorage.removeItem(STORED);
    return null;
  }
  return session;
}

export function keepSession(session: Session | null): void {
  if (session) sessionStorage.setItem(STORED, JSON.stringify(session));
  else sessionStorage.removeItem(STORED);
}

export const SessionContext = createContext<{ session: Session; signOut: () => void } | null>(null);

export function useSession(): { session: Session; signOut: () => void } {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in console');
  return value;
}

export function hasRole(session: Session, ...roles: string[]): boolean {
  return session.person.roles.some((role) => roles.includes(role));
}
