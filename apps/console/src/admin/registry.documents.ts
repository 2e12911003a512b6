import { graphql } from '../gql';

/** The registry's lists and the administrators' changes to them (apart from calling systems: systems.page). */
export const REGISTRY = graphql(`
  query ConsoleRegistry {
    people {
      id
      name
      roles
      department
      issuer
    }
    purposes {
      name
      description
    }
    issuers {
      issuer
      audience
      systemClaim
      personClaim
      systems
      algorithms
      maxTokenLifetimeS
      tokenReuse
    }
    bureaus {
      name
      department
      url
    }
  }
`);

export const PUT_PERSON = graphql(`
  mutation ConsolePutPerson($input: PersonInput!) {
    putPerson(input: $input) {
      version
    }
  }
`);
export const REMOVE_PERSON = graphql(`
  mutation ConsoleRemovePerson($id: String!) {
    removePerson(id: $id) {
      version
    }
  }
`);
export const PUT_PURPOSE = graphql(`
  mutation ConsolePutPurpose($name: String!, $description: String!) {
    putPurpose(name: $name, description: $description) {
      version
    }
  }
`);
export const REMOVE_PURPOSE = graphql(`
  mutation ConsoleRemovePurpose($name: String!) {
    removePurpose(name: $name) {
      version
    }
  }
`);
export const PUT_ISSUER = graphql(`
  mutation ConsolePutIssuer($input: IssuerInput!) {
    putIssuer(input: $input) {
      version
    }
  }
`);
export const REMOVE_ISSUER = graphql(`
  mutation ConsoleRemoveIssuer($issuer: String!) {
    removeIssuer(issuer: $issuer) {
      version
    }
  }
`);
export const PUT_BUREAU = graphql(`
  mutation ConsolePutBureau($input: BureauInput!) {
    putBureau(input: $input) {
      registryVersion
      served
    }
  }
`);
export const REMOVE_BUREAU = graphql(`
  mutation ConsoleRemoveBureau($name: String!) {
    removeBureau(name: $name) {
      registryVersion
      served
    }
  }
`);
