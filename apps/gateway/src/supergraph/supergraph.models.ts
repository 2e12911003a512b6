import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { SupergraphVersionEntity } from './supergraph-version.entity.js';

@ObjectType({ description: 'A bureau whose subgraph the gateway federates.' })
export class BureauModel {
  @Field({ description: 'its Federation subgraph name' }) name!: string;
  @Field({ description: 'the department it belongs to, as recorded; the catalog names the owner of each field by subgraph name' }) department!: string;
  @Field() url!: string;
}

@InputType()
export class BureauInput {
  @Field({ description: 'its Federation subgraph name' }) name!: string;
  @Field() department!: string;
  @Field({ description: 'its GraphQL endpoint (http or https)' }) url!: string;
}

@ObjectType({ description: 'A supergraph version: what the gateway served, serves, or was offered, with the checks made before serving it.' })
export class SupergraphVersionModel {
  @Field(() => Int) version!: number;
  @Field() hash!: string;
  @Field({ description: 'ACTIVE, PENDING (awaiting approval), SUPERSEDED, REJECTED or WITHDRAWN (rolled back)' }) status!: string;
  @Field({ description: 'composition, file or rollback' }) source!: string;
  @Field({ description: 'the person, or composition / file' }) proposedBy!: string;
  @Field(() => String, { nullable: true }) decidedBy!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) activatedAt!: string | null;
  @Field(() => [String], { description: 'changes that release data more widely than the graph served before: they need approval' }) loosened!: string[];
  @Field(() => [String], { description: 'new fields without labels of their own (they get the defaults)' }) unlabelled!: string[];
  @Field(() => [String]) added!: string[];
  @Field(() => [String]) removed!: string[];
  @Field(() => [String]) bureaus!: string[];

  static of(row: SupergraphVersionEntity): SupergraphVersionModel {
    const { checks, sdl: _sdl, ...rest } = row;
    return Object.assign(new SupergraphVersionModel(), rest, checks);
  }
}

@ObjectType({ description: 'A bureau registered, changed or removed, and the supergraph it made.' })
export class BureauChangeModel {
  @Field(() => Int, { description: 'the registry version the change made' }) registryVersion!: number;
  @Field(() => SupergraphVersionModel, { nullable: true, description: 'the supergraph version offered (null: the graph did not change)' })
  supergraph!: SupergraphVersionModel | null;
  @Field({ description: 'whether the graph with this change is served now (false: it awaits approval)' }) served!: boolean;
}
