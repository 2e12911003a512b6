import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, fixedClock, systemClock } from '#config';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config.js';

/** The validated configuration and the clock, for every module of the gateway. */
@Global()
@Module({})
export class GatewayConfigModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayConfigModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: CLOCK, useValue: config.testClockAt === null ? systemClock : fixedClock(config.testClockAt) },
      ],
      exports: [GATEWAY_CONFIG, CLOCK],
    };
  }
}
