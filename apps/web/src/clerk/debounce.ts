/** Calls `fn` once the calls have paused for `ms`, with the last call's arguments. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => unknown,
  ms: number,
): ((...args: A) => void) & { cancel(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: A | null = null;
  const call = (...args: A) => {
    last = args;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const a = last!;
      last = null;
      void fn(...a);
    }, ms);
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    last = null;
  };
  call.flush = () => {
    if (!timer || !last) return;
    clearTimeout(timer);
    timer = null;
    const a = last;
    last = null;
    void fn(...a);
  };
  return call;
}
