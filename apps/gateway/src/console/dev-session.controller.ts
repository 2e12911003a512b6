import { Controller, Get, HttpException, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { signDevPersonToken } from '#identity';
import { jsonBodyReader } from '../exchange/json-body.reader.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { isLoopback } from '../loopback.js';
import { RegistryService } from '../registry/registry.service.js';

/** How long a development sign-in lasts: a working morning. */
const SESSION_S = 4 * 3600;

/** A sign-in's body: `{ "user": "<id>" }`, nothing near a kilobyte. */
const readSessionBody = jsonBodyReader({ bodyBytes: 1024, jsonDepth: 2 });

/**
 * How the console signs people in (`/console/api/…`): `config` says which
 * way — the configured OIDC issuer (authorization code + PKCE, in the
 * browser), development sign-in, or both. Development sign-in (`npm start`
 * only, where CAUSEWAY_DEV_PEOPLE_TOKENS is on) lists the people of the
 * registry to pick from and gives the one picked a development token —
 * what `causeway token --user` gives on the command line. Off, those two
 * answer 404.
 */
@Controller('console/api')
export class DevSessionController {
  constructor(
    private readonly registry: RegistryService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('config')
  signIn(@Req() request: Request) {
    return { devSignIn: this.devSignIn(request), oidc: this.config.console.oidc };
  }

  @Get('dev-people')
  people(@Req() request: Request) {
    this.mustBeOn(request);
    return this.registry.people().map(({ id, name, roles, department }) => ({ id, name, roles, department: department ?? null }));
  }

  @Post('dev-session')
  async session(@Req() request: Request) {
    this.mustBeOn(request);
    // Read as every JSON body of the gateway (UTF-8 JSON only, no member named twice: `{"user":"a","user":"b"}`).
    const failure = await readSessionBody(request, request.res!);
    if (failure) throw new HttpException({ error: { code: 'BAD_REQUEST', reason: failure.reason, message: failure.message } }, failure.status);
    const user = (request.body as { user?: unknown } | undefined)?.user;
    const person = typeof user !== 'string' ? undefined : this.registry.people().find((candidate) => candidate.id === user);
    if (!person) throw new HttpException({ error: { code: 'BAD_USER_INPUT', message: 'Pick one of the registered people.' } }, 400);
    const token = await signDevPersonToken({ dataDir: this.config.dataDir, person: person.id, ttlSeconds: SESSION_S });
    return { token, expiresAt: new Date(Date.now() + SESSION_S * 1000).toISOString() };
  }

  /**
   * Development sign-in makes anyone who reaches it any person, so it is
   * only offered on a gateway bound to the loopback interface, and only to
   * requests addressed to a loopback name (a web page rebinding its own
   * domain name to 127.0.0.1 sends its own Host, and is refused).
   */
  private devSignIn(request: Request): boolean {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
    return this.config.devPeopleTokens && isLoopback(this.config.host) && isLoopback(host);
  }

  private mustBeOn(request: Request): void {
    if (!this.devSignIn(request)) throw new HttpException({ error: { code: 'NOT_FOUND', message: 'No such endpoint.' } }, 404);
  }
}
