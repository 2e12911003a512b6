import { Module } from '@nestjs/common';
import { ExchangeTokenSigner, GatewayKeystore } from '#exchange-token';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { JwksController } from './jwks.controller.js';

async function openKeystore(config: GatewayConfig): Promise<GatewayKeystore> {
  switch (config.keys.kind) {
    case 'inline':
      return GatewayKeystore.fromJson(config.keys.json);
    case 'file':
      return GatewayKeystore.open(config.keys.file, { create: false });
    case 'generated':
      return GatewayKeystore.open(config.keys.file, { create: true });
  }
}

/** The gateway's signing keys, the exchange-token signer and the published JWKS. */
@Module({
  providers: [
    { provide: GatewayKeystore, inject: [GATEWAY_CONFIG], useFactory: openKeystore },
    {
      provide: ExchangeTokenSigner,
      inject: [GatewayKeystore, GATEWAY_CONFIG],
      useFactory: (keystore: GatewayKeystore, config: GatewayConfig) => new ExchangeTokenSigner(keystore, config.issuer),
    },
  ],
  controllers: [JwksController],
  exports: [GatewayKeystore, ExchangeTokenSigner],
})
export class SigningModule {}
