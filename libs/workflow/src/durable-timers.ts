/**
 * The engine's timer API, backed by the database instead of setTimeout: bpmn-engine's own timers die
 * with the process and never fire past 2^31 ms (≈ 24.8 days). A timer here is only *armed*; the host
 * stores its due time and the poller fires it by calling `fire(elementId)`.
 */
export interface ArmedTimer {
  elementId: string;
  dueAt: Date;
}

interface TimerRef {
  elementId: string;
  dueAt: Date;
  fire: () => void;
}

export class DurableTimers {
  private readonly armed = new Set<TimerRef>();

  /** `now` is the application clock, so due times agree with the poller and with deadlines. */
  constructor(private readonly now: () => Date = () => new Date()) {}

  register(owner: { id: string; expireAt?: Date | string }) {
    return {
      setTimeout: (callback: (...args: unknown[]) => void, delay: number, ...args: unknown[]) =>
        this.arm(owner, callback, delay, args),
      clearTimeout: (ref: TimerRef) => this.clear(ref),
    };
  }

  // Unregistered timers are not used by the BPMN elements we allow; refuse loudly rather than lose one.
  setTimeout(): never {
    throw new Error('unregistered engine timer is not supported');
  }

  clearTimeout(ref: TimerRef): undefined {
    return this.clear(ref);
  }

  get executing(): TimerRef[] {
    return [...this.armed];
  }

  list(): ArmedTimer[] {
    return [...this.armed].map(({ elementId, dueAt }) => ({ elementId, dueAt }));
  }

  /** Fires the armed timer of an element; false if none is armed (the case moved on). */
  fire(elementId: string): boolean {
    const ref = [...this.armed].find((t) => t.elementId === elementId);
    if (!ref) return false;
    this.armed.delete(ref);
    ref.fire();
    return true;
  }

  private arm(owner: { id: string }, callback: (...a: unknown[]) => void, delay: number, args: unknown[]) {
    // The engine computes `delay` from its own clock; anchor it on the application clock instead.
    const dueAt = new Date(this.now().getTime() + Math.max(0, delay));
    const ref: TimerRef = { elementId: owner.id, dueAt, fire: () => callback(...args) };
    this.armed.add(ref);
    return ref;
  }

  private clear(ref: TimerRef): undefined {
    this.armed.delete(ref);
    return undefined;
  }
}
