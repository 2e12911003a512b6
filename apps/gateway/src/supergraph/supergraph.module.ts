import { Module } from '@nestjs/common';
import { SigningModule } from '../signing/signing.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { SupergraphService } from './supergraph.service.js';
import { SupergraphStore } from './supergraph.store.js';

@Module({
  imports: [SigningModule, IdentityModule],
  providers: [SupergraphService, SupergraphStore],
  exports: [SupergraphService, SupergraphStore],
})
export class SupergraphModule {}
