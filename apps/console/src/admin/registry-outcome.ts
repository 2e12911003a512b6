import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnyVariables, OperationResult } from 'urql';
import { problemOf, type ApiProblem } from '../api';

/** What a tab of the registry is given: the lists, whether the person may change them, and what to call after a change. */
export interface RegistryTabProps<Registry> {
  data: Registry | undefined;
  readOnly: boolean;
  changed: () => void;
}

export const list = (strings: string[] | null | undefined) => (strings ?? []).join(', ');
/** Optional text: empty is left out (the API's default), never sent as "". */
export const optional = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
export const same = (row: object) => ({ ...row });

/** A change's answer as a registry table shows it: the API's problem, or what was done; `changed` after a change. */
export function useRegistryOutcome(changed: () => void) {
  const { t } = useTranslation();
  const outcome = useCallback(
    <T, V extends AnyVariables>(result: OperationResult<T, V>, done: (data: T) => string): { problem: ApiProblem | null; done?: string } => {
      const problem = problemOf(result.error);
      if (!problem) changed();
      return { problem, done: result.data ? done(result.data) : undefined };
    },
    [changed],
  );
  const version = (found: { version: number }) => t('registry.saved', { version: found.version });
  const bureauDone = (found: { registryVersion: number; served: boolean }) =>
    found.served ? t('registry.saved', { version: found.registryVersion }) : t('registry.awaitsApproval', { version: found.registryVersion });
  return { outcome, version, bureauDone };
}
