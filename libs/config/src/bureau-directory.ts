/** A bureau subgraph the gateway federates: its name is also its department id. */
export interface BureauEndpoint {
  name: string;
  url: string;
}

/** The demo bureaus `npm start` runs, with their contract ports. */
export const DEMO_BUREAUS: ReadonlyArray<{ name: string; port: number }> = [
  { name: 'public-security', port: 4001 },
  { name: 'civil-affairs', port: 4002 },
  { name: 'health', port: 4003 },
  { name: 'market-regulation', port: 4004 },
];

/** The demo bureaus' endpoints; with `portBase`, on the four ports after it (as `causeway start --port-base` runs them). */
export function demoBureauEndpoints(host = '127.0.0.1', portBase?: number): BureauEndpoint[] {
  return DEMO_BUREAUS.map(({ name, port }, i) => ({ name, url: `http://${host}:${portBase === undefined ? port : portBase + 1 + i}/graphql` }));
}

/** A subgraph name as Federation takes it (the demo's are lower-case-with-dashes): letters, digits, `_` and `-`. */
const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/**
 * Parses `name=url,name=url`. Throws a message fit for a ConfigError: the
 * caller names the variable.
 */
export function parseBureauList(text: string): BureauEndpoint[] {
  const seen = new Set<string>();
  const bureaus = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, index) => {
      // Messages name the entry, never echo it: a URL may carry credentials.
      const eq = part.indexOf('=');
      if (eq < 1) throw new Error(`entry ${index + 1} is not of the form name=url`);
      const name = part.slice(0, eq).trim();
      const url = part.slice(eq + 1).trim();
      if (!NAME.test(name)) throw new Error(`bureau name "${name}" must be letters, digits, "_" and "-", starting with a letter or "_" (at most 64)`);
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new Error(`bureau "${name}" has an invalid URL`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new Error(`bureau "${name}" URL must be http(s)`);
      }
      if (seen.has(name)) throw new Error(`bureau "${name}" is listed twice`);
      seen.add(name);
      return { name, url };
    });
  if (bureaus.length === 0) throw new Error('must list at least one bureau');
  return bureaus;
}
