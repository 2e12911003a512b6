import { z } from 'zod';
import { isTimeZone } from './working-days.js';

/** The sharing workflow's deadlines, its time zone and where its notifications go. */
export interface WorkflowConfig {
  /** IANA time zone in which working days are counted (the calendar's dates are in it). */
  timeZone: string;
  /** Working days the data authority has to check an application's conformity (合规性审核). */
  reviewDays: number;
  /** Working days an owner has to answer an accepted application. */
  answerDays: number;
  /** Working days the data authority has to rule on an objection to a refusal. */
  objectionDays: number;
  /** Working days an owner has to handle a correction report (校核纠错). */
  correctionDays: number;
  /** Department → URL that receives its notifications as signed POSTs; `data-authority` is the administrators'. */
  webhooks: Map<string, URL>;
  /** Deliveries of one notification tried at most, doubling the wait from `webhookRetryMs`. */
  webhookAttempts: number;
  webhookRetryMs: number;
  /** How often overdue items are escalated and lapsing grants announced. */
  sweepMs: number;
}

const days = (fallback: number) => z.coerce.number({ error: 'must be a number of working days' }).int().min(1).max(60).default(fallback);

/** The CAUSEWAY_WORKFLOW_* variables: defaults from the provincial rules implementing Decree No. 809. */
export const WORKFLOW_ENV = {
  CAUSEWAY_TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((value) => isTimeZone(value), 'must be an IANA time zone, e.g. Asia/Shanghai'),
  CAUSEWAY_REVIEW_DEADLINE_DAYS: days(2),
  CAUSEWAY_APPLICATION_DEADLINE_DAYS: days(10),
  CAUSEWAY_OBJECTION_DEADLINE_DAYS: days(10),
  CAUSEWAY_CORRECTION_DEADLINE_DAYS: days(5),
  CAUSEWAY_WEBHOOKS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const hooks = new Map<string, URL>();
      for (const item of value.split(',').filter((entry) => entry.trim())) {
        const [department, url] = [item.slice(0, item.indexOf('=')).trim(), item.slice(item.indexOf('=') + 1).trim()];
        if (!/^[a-z][a-z0-9-]*$/.test(department) || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
          ctx.addIssue({ code: 'custom', message: `"${item}" is not department=http(s)://url` });
          return z.NEVER;
        }
        hooks.set(department, new URL(url));
      }
      return hooks;
    }),
  CAUSEWAY_WEBHOOK_ATTEMPTS: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(30).default(8),
  CAUSEWAY_WEBHOOK_RETRY_MS: z.coerce.number({ error: 'must be milliseconds' }).int().min(10).max(3_600_000).default(2_000),
  CAUSEWAY_WORKFLOW_SWEEP_MS: z.coerce.number({ error: 'must be milliseconds' }).int().min(100).max(86_400_000).default(60_000),
};

type WorkflowValues = { [K in keyof typeof WORKFLOW_ENV]: z.infer<(typeof WORKFLOW_ENV)[K]> };

export function workflowOf(values: WorkflowValues): WorkflowConfig {
  return {
    timeZone: values.CAUSEWAY_TIME_ZONE,
    reviewDays: values.CAUSEWAY_REVIEW_DEADLINE_DAYS,
    answerDays: values.CAUSEWAY_APPLICATION_DEADLINE_DAYS,
    objectionDays: values.CAUSEWAY_OBJECTION_DEADLINE_DAYS,
    correctionDays: values.CAUSEWAY_CORRECTION_DEADLINE_DAYS,
    webhooks: values.CAUSEWAY_WEBHOOKS,
    webhookAttempts: values.CAUSEWAY_WEBHOOK_ATTEMPTS,
    webhookRetryMs: values.CAUSEWAY_WEBHOOK_RETRY_MS,
    sweepMs: values.CAUSEWAY_WORKFLOW_SWEEP_MS,
  };
}
