/**
 * What a template source compiles to, by the source's text. Every start of the API loads and
 * checks the same templates (and a test process starts it dozens of times), while a parsed
 * manifest is a new object each time; studio previews compile drafts that are never seen again,
 * so only the most recent `limit` sources are kept.
 */
export function compiledCache<T>(limit = 500): (source: string, compile: () => T) => T {
  const entries = new Map<string, T>();
  return (source, compile) => {
    let value = entries.get(source);
    if (value === undefined) {
      value = compile(); // a source that fails to compile throws here and is not kept
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
    } else {
      entries.delete(source); // most recently used last
    }
    entries.set(source, value);
    return value;
  };
}
