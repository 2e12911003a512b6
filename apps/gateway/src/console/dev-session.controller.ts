import { Controller, Get, HttpException, Inject, Post, Req } from '@nestjs/common';
import express, { type Request } from 'express';
import { signDevPersonToken } from '#identity';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { RegistryService } from '../registry/registry.service.js';

/** How long a development sign-in lasts: a working morning. */
const SESSION_S = 4 * 3600;

/**
 * Development sign-in for the console (`npm start` only, where
 * CAUSEWAY_DEV_PEOPLE_TOKENS is on): the people of the registry to pick
 * from, and a development token for the one picked — what `causeway token
 * --user` gives on the command line. Off, both answer 404: in production
 * people sign in at the configured OIDC issuer.
 */
@Controller('console/dev')
export class DevSessionController {
  constructor(
    private readonly registry: RegistryService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('people')
  people() {
    this.mustBeOn();
    return this.registry.people().map(({ id, name, roles, department }) => ({ id, name, roles, department: department ?? null }));
  }

  @Post('session')
  async session(@Req() request: Request) {
    this.mustBeOn();
    const parse = express.json({ limit: 1024, type: () => true });
    const failure = await new Promise<unknown>((resolve) => parse(request, request.res!, resolve));
    const user = (request.body as { user?: unknown } | undefined)?.user;
    const person = failure || typeof user !== 'string' ? undefined : this.registry.people().find((candidate) => candidate.id === user);
    if (!person) throw new HttpException({ error: { code: 'BAD_USER_INPUT', message: 'Pick one of the registered people.' } }, 400);
    const token = await signDevPersonToken({ dataDir: this.config.dataDir, person: person.id, ttlSeconds: SESSION_S });
    return { token, expiresAt: new Date(Date.now() + SESSION_S * 1000).toISOString() };
  }

  private mustBeOn(): void {
    if (!this.config.devPeopleTokens) throw new HttpException({ error: { code: 'NOT_FOUND', message: 'No such endpoint.' } }, 404);
  }
}
