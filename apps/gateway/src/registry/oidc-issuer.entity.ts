import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IssuerDefinition } from '#identity';

/** An external OpenID Connect issuer the gateway trusts for systems' access tokens or people's tokens. */
@Entity({ name: 'oidc_issuer' })
export class OidcIssuerEntity {
  /** Exactly the `iss` its tokens carry. */
  @PrimaryColumn({ type: 'varchar', length: 512 })
  issuer!: string;

  /** The whole definition, as issuers.yaml writes it. */
  @Column({ type: 'simple-json' })
  definition!: IssuerDefinition;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}
