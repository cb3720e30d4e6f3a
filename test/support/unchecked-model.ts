import { createHash, randomUUID } from 'node:crypto';
import { TestApp } from './test-app';

/**
 * Test only: stores a model as the next version of its key, in effect today, WITHOUT the deploy
 * lint — to stand for a model that passed the lint of its day and fails at run time on real data
 * (a later lint rule may well refuse it at deploy, which is exactly why the runtime must cope).
 */
export async function installUnchecked(t: TestApp, xml: string): Promise<{ id: string; version: number }> {
  const key = /<bpmn:process id="([^"]+)"/.exec(xml)?.[1];
  const name = /<bpmn:process id="[^"]+" name="([^"]+)"/.exec(xml)?.[1] ?? key;
  if (!key) throw new Error('no bpmn:process id in the model');
  const id = randomUUID();
  return t.db.transaction(async (em) => {
    const [{ v }] = await em.query(
      `SELECT COALESCE(MAX(version), 0)::int AS v FROM process_definition WHERE key = $1`,
      [key],
    );
    const version = Number(v) + 1;
    await em.query(
      `INSERT INTO process_definition (id, key, version, name, content_hash, source, deployed_at, effective_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        key,
        version,
        name,
        createHash('sha256').update(xml).digest('hex'),
        xml,
        t.clock.now(),
        t.clock.today(),
      ],
    );
    return { id, version };
  });
}
