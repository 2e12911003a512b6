import { parentPort, workerData } from 'node:worker_threads';
import type { ContentForm } from '#ledger';
import { verifyFloor } from './ledger-floor.js';

/** One of the threads measuring the verify floor together (ledger-floor.ts): answers its records/s. */
const { records, form } = workerData as { records: number; form: ContentForm };
parentPort!.postMessage(verifyFloor(records, form));
