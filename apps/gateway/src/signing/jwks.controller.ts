import { Controller, Get, Header } from '@nestjs/common';
import { GatewayKeystore } from '#exchange-token';

/** The gateway's public keys, for bureaus (and auditors) to verify what it signs. */
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keystore: GatewayKeystore) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=60')
  jwks() {
    return this.keystore.jwks();
  }
}
