import { jest } from '@jest/globals';

// End-to-end suites start real processes; give them time, not retries.
jest.setTimeout(120_000);
