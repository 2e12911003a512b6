import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '#config';

/** A process the benchmark started (production build), with its output kept for diagnosis. */
export class BenchProcess {
  private output = '';

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  get log(): string {
    return this.output;
  }

  /** Peak resident set size (VmHWM) in MiB, read from /proc; null where /proc is not there. */
  peakRssMiB(): number | null {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : null;
    } catch {
      return null;
    }
  }

  /** CPU time (user + system) the process has used so far, in milliseconds; null where /proc is not there. */
  cpuMs(): number | null {
    return cpuMsOf(this.child.pid);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** CPU time of a process from /proc/<pid>/stat (utime + stime, in clock ticks of 10 ms on Linux). */
export function cpuMsOf(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ')'; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Starts a built script with only the environment given (plus PATH and HOME), so nothing of the caller's leaks in. */
export function startScript(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = []): BenchProcess {
  const child = spawn(process.execPath, [...nodeArgs, join(projectRoot(), script)], {
    cwd: projectRoot(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', APOLLO_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new BenchProcess(name, child);
}

export async function waitFor(url: string, process: BenchProcess, timeoutMs = 60_000, accept: (status: number) => boolean = (status) => status === 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (accept(response.status)) return;
    } catch {
      // not up yet
    }
    if (process.child.exitCode !== null) throw new Error(`${process.name} exited:\n${process.log}`);
    if (Date.now() > deadline) throw new Error(`${process.name} not ready at ${url}:\n${process.log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
