import { Module } from '@nestjs/common';
import { SupergraphService } from './supergraph.service.js';

@Module({
  providers: [SupergraphService],
  exports: [SupergraphService],
})
export class SupergraphModule {}
