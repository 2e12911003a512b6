import { describe, expect, it } from '@jest/globals';
import type { SharingApplicationEntity } from '../governance/sharing-application.entity.js';
import { ApplicationModel } from './application.models.js';

const application = {
  id: 'a1',
  status: 'PENDING',
  submittedAt: '2026-11-20T09:00:00.000Z',
  dueAt: '2026-12-04T09:00:00.000Z',
} as SharingApplicationEntity;

describe('ApplicationModel', () => {
  it('flags an application past its deadline as overdue while it waits on someone: in review, pending or objected', () => {
    expect(ApplicationModel.of(application, Date.parse('2026-12-04T08:59:59Z')).overdue).toBe(false);
    expect(ApplicationModel.of(application, Date.parse('2026-12-04T09:00:01Z')).overdue).toBe(true);
    for (const status of ['IN_REVIEW', 'OBJECTED']) expect(ApplicationModel.of({ ...application, status }, Date.parse('2026-12-04T09:00:01Z')).overdue).toBe(true);
    // Returned for completion, the applicant has no deadline; answered, nobody does.
    for (const status of ['RETURNED', 'REFUSED', 'APPROVED', 'WITHDRAWN']) expect(ApplicationModel.of({ ...application, status }, Date.parse('2027-01-01T00:00:00Z')).overdue).toBe(false);
  });
});
