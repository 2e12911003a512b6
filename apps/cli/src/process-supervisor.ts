import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildSpec {
  name: string;
  script: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * Runs Causeway's processes side by side, prefixes their output with their
 * name, and stops them together: on request, or as soon as one dies.
 */
export class ProcessSupervisor {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;
  private exitListener: ((name: string, code: number | null, signal: NodeJS.Signals | null) => void) | undefined;

  onUnexpectedExit(listener: (name: string, code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.exitListener = listener;
  }

  start(spec: ChildSpec): void {
    const child = spawn(process.execPath, [spec.script, ...(spec.args ?? [])], {
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const width = 17;
    const prefix = `[${spec.name}]`.padEnd(width + 2);
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => out.write(`${prefix} ${line}\n`));
    }
    child.on('exit', (code, signal) => {
      this.children.delete(spec.name);
      if (!this.stopping) this.exitListener?.(spec.name, code, signal);
    });
    this.children.set(spec.name, child);
  }

  get running(): string[] {
    return [...this.children.keys()];
  }

  /** SIGTERM to every child; SIGKILL to any still alive after `graceMs`. */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    const exits = [...this.children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    );
    const timer = setTimeout(() => {
      for (const child of this.children.values()) child.kill('SIGKILL');
    }, graceMs);
    await Promise.all(exits);
    clearTimeout(timer);
  }
}
