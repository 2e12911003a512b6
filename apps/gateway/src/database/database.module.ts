import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { gatewayDataSourceOptions } from './gateway.data-source.js';

/** The gateway's own database connection, migrated at start. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) => gatewayDataSourceOptions(config.database),
    }),
  ],
})
export class DatabaseModule {}
