import { parentPort, workerData } from 'node:worker_threads';
import { verifyFloor } from './ledger-floor.js';

/** One of the threads measuring the verify floor together (ledger-floor.ts): answers its records/s. */
const { records } = workerData as { records: number };
parentPort!.postMessage(verifyFloor(records));
