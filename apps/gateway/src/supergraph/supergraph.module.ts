import { Module } from '@nestjs/common';
import { SigningModule } from '../signing/signing.module.js';
import { SupergraphService } from './supergraph.service.js';

@Module({
  imports: [SigningModule],
  providers: [SupergraphService],
  exports: [SupergraphService],
})
export class SupergraphModule {}
