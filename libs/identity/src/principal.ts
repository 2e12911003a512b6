/**
 * Who is calling, established by authentication: the one type every later
 * pipeline stage (decisions, ledger) and the admin API read.
 */
export interface Principal {
  /** Registered system id, e.g. `civil-affairs.subsidy-review`. */
  system: string;
  department: string;
  /** Highest classification level this system may ever read. */
  clearance: string;
  /** The purpose declared for this exchange (allowed for the system). */
  purpose: string;
  /** `jti` of the caller's token. */
  tokenId: string;
  /** Who issued the token: the system itself (client assertion) or an OIDC issuer. */
  issuer: string;
}

/**
 * The department a subject names: a system id `department.system` names its
 * department; a bare department id names itself.
 */
export function departmentOf(subject: string): string {
  const dot = subject.indexOf('.');
  return dot < 0 ? subject : subject.slice(0, dot);
}
