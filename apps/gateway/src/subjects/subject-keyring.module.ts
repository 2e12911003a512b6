import { Global, Logger, Module } from '@nestjs/common';
import { SubjectKeyring } from '#ledger';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

/**
 * The ledger's keyring for identifiers (libs/ledger SubjectKeyring), for
 * every part of the gateway that records: the exchange pipeline, the admin
 * API and the subject lookup. Global because recording is everywhere.
 */
@Global()
@Module({
  providers: [
    {
      provide: SubjectKeyring,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) => {
        const { file, create } = config.ledger.subjectKeys;
        if (create && config.keys.kind !== 'generated') {
          new Logger('Ledger').warn(`CAUSEWAY_LEDGER_SUBJECT_KEYS_FILE is not set: data subjects are hashed under a keyring of this host only (${file}); replicas must share one`);
        }
        return SubjectKeyring.open(file, { create });
      },
    },
  ],
  exports: [SubjectKeyring],
})
export class SubjectKeyringModule {}
