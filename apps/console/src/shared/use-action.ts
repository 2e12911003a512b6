import { App } from 'antd';
import { useState } from 'react';
import type { CombinedError } from 'urql';
import { problemOf } from '../api';

/**
 * A change a list screen makes through the API (review, refuse, mark, …):
 * the API's problem kept for the screen to show, the list read again, and
 * `done` said when the change was made. `act` answers whether it was.
 */
export function useAction(reload: () => unknown) {
  const { message } = App.useApp();
  const [problem, setProblem] = useState<string | null>(null);
  async function act(run: () => Promise<{ error?: CombinedError }>, done?: string): Promise<boolean> {
    const found = problemOf((await run()).error);
    setProblem(found?.message ?? null);
    void reload();
    if (!found && done) void message.success(done);
    return !found;
  }
  return { act, problem };
}
