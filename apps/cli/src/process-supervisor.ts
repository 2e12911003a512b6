import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildSpec {
  name: string;
  script: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
}

/** Exit code of a process that refused its configuration: restarting it cannot help. */
const CONFIG_ERROR = 78;
/** Restart delays double from one second up to this; a process that ran this long before dying starts again from one second. */
const MAX_BACKOFF_MS = 30_000;

type ExitListener = (name: string, code: number | null, signal: NodeJS.Signals | null) => void;

/**
 * Runs Causeway's processes side by side and prefixes their output with
 * their name. A process that dies is started again after a back-off (1 s,
 * 2 s, 4 s … 30 s) while the others keep running; one that refused its
 * configuration (exit 78) is not, and the supervisor's owner is told.
 * Everything stops together on request.
 */
export class ProcessSupervisor {
  private readonly children = new Map<string, ChildProcess>();
  private readonly specs = new Map<string, { spec: ChildSpec; failures: number; startedAt: number; timer?: NodeJS.Timeout }>();
  private stopping = false;
  private exitListener: ExitListener | undefined;

  /** Called when a process dies and will not be restarted (it refused its configuration). */
  onUnexpectedExit(listener: ExitListener): void {
    this.exitListener = listener;
  }

  start(spec: ChildSpec): void {
    this.specs.set(spec.name, { spec, failures: 0, startedAt: Date.now() });
    this.spawn(spec.name);
  }

  private spawn(name: string): void {
    const entry = this.specs.get(name)!;
    const { spec } = entry;
    entry.startedAt = Date.now();
    const child = spawn(process.execPath, [spec.script, ...(spec.args ?? [])], {
      // The child leaves SIGINT to this supervisor, which stops everything in order (run-main.ts).
      env: { ...spec.env, CAUSEWAY_SUPERVISED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const width = 17;
    const prefix = `[${spec.name}]`.padEnd(width + 2);
    process.stdout.write(`${prefix} started (pid ${child.pid})\n`);
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => out.write(`${prefix} ${line}\n`));
    }
    child.on('exit', (code, signal) => {
      this.children.delete(spec.name);
      if (this.stopping) return;
      if (code === CONFIG_ERROR) return this.exitListener?.(spec.name, code, signal);
      if (Date.now() - entry.startedAt >= MAX_BACKOFF_MS) entry.failures = 0;
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** entry.failures++);
      process.stderr.write(`${prefix} exited unexpectedly (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s, the others keep running\n`);
      entry.timer = setTimeout(() => {
        if (!this.stopping) this.spawn(spec.name);
      }, delay);
    });
    this.children.set(spec.name, child);
  }

  get running(): string[] {
    return [...this.children.keys()];
  }

  /**
   * SIGTERM to the children named in `first` and, once they have exited, to
   * every other; SIGKILL to any still alive after `graceMs`.
   */
  async stopAll(graceMs = 10_000, first: readonly string[] = []): Promise<void> {
    this.stopping = true;
    for (const entry of this.specs.values()) clearTimeout(entry.timer);
    const timer = setTimeout(() => {
      for (const child of this.children.values()) child.kill('SIGKILL');
    }, graceMs);
    const exited = (names: string[]) =>
      Promise.all(
        names.map((name) => {
          const child = this.children.get(name);
          return new Promise<void>((resolve) => {
            if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          });
        }),
      );
    await exited([...this.children.keys()].filter((name) => first.includes(name)));
    await exited([...this.children.keys()]);
    clearTimeout(timer);
  }
}
