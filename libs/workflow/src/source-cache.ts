/**
 * What a computation makes of a model's source, kept by a key holding that source (and whatever
 * else the result depends on). Every start of the API checks and reads the same bundled models, and
 * a test process starts it dozens of times; studio drafts are checked once and never again, so only
 * the most recently used `limit` keys are kept. A computation that fails is not kept.
 */
export function sourceCache<T>(limit = 100): (key: string, compute: () => Promise<T>) => Promise<T> {
  const entries = new Map<string, Promise<T>>();
  return (key, compute) => {
    let value = entries.get(key);
    if (value === undefined) {
      value = compute();
      const kept = value;
      kept.catch(() => {
        if (entries.get(key) === kept) entries.delete(key);
      });
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
    } else {
      entries.delete(key); // most recently used last
    }
    entries.set(key, value);
    return value;
  };
}
