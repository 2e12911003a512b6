import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { projectRoot } from '#config';
import { loadGovernancePolicies, parseEntityOwners } from './governance-policies.js';

describe('governance policies', () => {
  it('loads the levels, the declared entity owners and the data-subject types from policies/', () => {
    const policies = loadGovernancePolicies(join(projectRoot(), 'policies'));
    expect(policies.scheme.levels.map((l) => l.name)).toEqual(['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE']);
    expect(policies.entityOwners).toEqual({ Person: 'public-security', Enterprise: 'market-regulation' });
    expect(policies.subjectTypes).toEqual(['Person', 'Enterprise']);
  });

  it('refuses an ownership file that does not name bureaus', () => {
    expect(() => parseEntityOwners('entities:\n  Person: Public Security\n')).toThrow(/entities.Person: owners are bureau names/);
  });

  it('names the file it cannot read', () => {
    expect(() => loadGovernancePolicies('/nonexistent/policies')).toThrow('Cannot read /nonexistent/policies/classification.yaml');
  });
});
