import { ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { compiledWorker } from './compiled-worker';

/** A message a timer worker printed (see timer-worker.ts). */
export interface WorkerMessage {
  name: string;
  pid: number;
  event: 'ready' | 'progress' | 'advanced' | 'holding' | 'done' | 'error';
  fired?: number;
  firedAt?: number[];
  message?: string;
  [key: string]: unknown;
}

const ROOT = path.resolve(__dirname, '../..');

/**
 * A separate OS process running the API's timer poller against a shared database schema (or, given
 * `args`, another worker script speaking the same one-JSON-line protocol, e.g. api-worker.ts).
 */
export class TimerWorker {
  readonly messages: WorkerMessage[] = [];
  readonly events = new EventEmitter();
  private readonly waiters: { test: (m: WorkerMessage) => boolean; resolve: (m: WorkerMessage) => void }[] =
    [];
  private exitWaiters: ((code: number | null) => void)[] = [];
  exited = false;
  stderr = '';
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    env: Record<string, string>,
    // Precompiled (compiled-worker.ts): through ts-node every start transpiled the application again.
    args: string[] = compiledWorker('test/support/timer-worker.ts'),
  ) {
    this.child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', WORKER_NAME: name, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    readline.createInterface({ input: this.child.stdout! }).on('line', (line) => {
      let message: WorkerMessage;
      try {
        message = JSON.parse(line) as WorkerMessage;
      } catch {
        return; // not ours (a library printing to stdout)
      }
      this.messages.push(message);
      this.events.emit('message', message);
      for (const w of [...this.waiters]) {
        if (w.test(message)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(message);
        }
      }
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.on('exit', (code) => {
      this.exited = true;
      this.events.emit('exit', code);
      for (const w of this.exitWaiters) w(code);
      this.exitWaiters = [];
      const reported = this.messages.find((m) => m.event === 'error')?.message ?? '';
      const failure: WorkerMessage = {
        name,
        pid: this.pid,
        event: 'error',
        message: `exited ${code}: ${reported} ${this.stderr.slice(-2000)}`,
      };
      for (const w of this.waiters.splice(0)) w.resolve(failure);
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Timers this process has fired so far (its latest report). */
  get fired(): number {
    const last = [...this.messages].reverse().find((m) => typeof m.fired === 'number');
    return last?.fired ?? 0;
  }

  /** Engines this process has loaded ahead of their timers so far (its latest report). */
  get warmed(): number {
    const last = [...this.messages].reverse().find((m) => typeof m.warmed === 'number');
    return Number(last?.warmed ?? 0);
  }

  /** The next message (already received or future) that passes `test`; rejects if the process dies. */
  async next(test: (m: WorkerMessage) => boolean): Promise<WorkerMessage> {
    const seen = this.messages.find(test);
    const message =
      seen ??
      (this.exited
        ? {
            name: this.name,
            pid: this.pid,
            event: 'error' as const,
            message: `exited: ${this.stderr.slice(-2000)}`,
          }
        : await new Promise<WorkerMessage>((resolve) => this.waiters.push({ test, resolve })));
    if (message.event === 'error' && !test(message)) throw new Error(`${this.name}: ${message.message}`);
    return message;
  }

  ready(): Promise<WorkerMessage> {
    return this.next((m) => m.event === 'ready');
  }

  send(command: Record<string, unknown>): void {
    this.child.stdin!.write(`${JSON.stringify(command)}\n`);
  }

  /** Moves this process's application clock and waits until it confirmed. */
  async advance(ms: number): Promise<void> {
    const count = this.messages.filter((m) => m.event === 'advanced').length;
    this.send({ advance: ms });
    await this.next(
      (m) =>
        m.event === 'advanced' && this.messages.filter((x) => x.event === 'advanced').indexOf(m) >= count,
    );
  }

  /** Clean shutdown; resolves with the final report. */
  async stop(): Promise<WorkerMessage> {
    this.send({ stop: true });
    return this.next((m) => m.event === 'done');
  }

  /** Kills the process without any shutdown (as a crash or `kill -9` would). */
  async kill(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<number | null>((resolve) => this.exitWaiters.push(resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

/** Resolves once `condition` holds, re-checked on every message or exit of the workers (no polling). */
export function until(workers: TimerWorker[], condition: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) {
        done();
        resolve();
      } else if (workers.every((w) => w.exited)) {
        done();
        reject(new Error(`every worker exited before: ${what}`));
      }
    };
    const done = () => {
      for (const w of workers) {
        w.events.off('message', check);
        w.events.off('exit', check);
      }
    };
    for (const w of workers) {
      w.events.on('message', check);
      w.events.on('exit', check);
    }
    check();
  });
}
