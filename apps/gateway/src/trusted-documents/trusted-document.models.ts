import { Field, ObjectType } from '@nestjs/graphql';
import type { RegisteredOperation } from './trusted-document.service.js';

@ObjectType('RegisteredOperation', { description: 'An operation registered for a calling system (a trusted document), sent by its hash or its exact text.' })
export class RegisteredOperationModel {
  @Field() system!: string;
  @Field({ description: 'lower-case hex SHA-256 of the document: extensions.persistedQuery.sha256Hash' }) hash!: string;
  @Field() name!: string;
  @Field() document!: string;
  @Field() registeredBy!: string;
  @Field() registeredAt!: string;

  static of(operation: RegisteredOperation): RegisteredOperationModel {
    return Object.assign(new RegisteredOperationModel(), operation);
  }
}
