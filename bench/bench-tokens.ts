import { randomUUID } from 'node:crypto';
import { bodyHash, type ExchangeTokenSigner } from '#exchange-token';
import { signDevClientAssertion } from '#identity';
import type { Operation } from './bench-operations.js';

/** The calling system every benchmark request is made for. */
export const CALLER = { system: 'civil-affairs.subsidy-review', department: 'civil-affairs', purpose: 'subsidy-eligibility' };

/** Single-use client assertions, made before the run so the load generator only hands them out. */
export async function callerTokens(dataDir: string, count: number): Promise<() => string> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push(await signDevClientAssertion({ dataDir, system: CALLER.system, audience: 'causeway-gateway', purpose: CALLER.purpose, ttlSeconds: 300 }));
  let i = 0;
  return () => tokens[i++ % tokens.length]!;
}

/** Exchange tokens bound to each body, for calling a bureau directly as the gateway would. */
export async function bureauTokens(signer: ExchangeTokenSigner, bureau: string, operation: Operation, count: number): Promise<(body: string) => string> {
  const byBody = new Map<string, string[]>();
  for (let i = 0; i < count; i++) {
    const body = operation.bodies[i % operation.bodies.length]!;
    const token = await signer.sign({ bureau, system: CALLER.system, department: CALLER.department, purpose: CALLER.purpose, exchangeId: randomUUID(), bodyHash: bodyHash(body) });
    byBody.set(body, [...(byBody.get(body) ?? []), token]);
  }
  return (body) => byBody.get(body)!.pop() ?? 'exhausted';
}
