import type { Logger } from 'typeorm';
import { TestApp } from './test-app';

/** Every statement the database is sent while `work` runs. */
export async function statements(t: TestApp, work: () => Promise<unknown>): Promise<string[]> {
  const source = t.db.dataSource as unknown as { logger: Logger };
  const logger = source.logger;
  const seen: string[] = [];
  source.logger = new Proxy(logger, {
    get: (target, key) => (key === 'logQuery' ? (q: string) => void seen.push(q) : Reflect.get(target, key)),
  });
  try {
    await work();
  } finally {
    source.logger = logger;
  }
  return seen;
}
