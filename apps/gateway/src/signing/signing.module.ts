import { Module } from '@nestjs/common';
import { ExchangeTokenSigner, GatewayKeystore, openGatewayKeystore } from '#exchange-token';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { JwksController } from './jwks.controller.js';

/** The gateway's signing keys, the exchange-token signer and the published JWKS. */
@Module({
  providers: [
    { provide: GatewayKeystore, inject: [GATEWAY_CONFIG], useFactory: (config: GatewayConfig) => openGatewayKeystore(config.keys, { create: true }) },
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
