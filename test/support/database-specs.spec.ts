import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/* eslint-disable @typescript-eslint/no-require-imports */
const { databaseUnitSpecs, exactFilesRegex } = require('./database-specs') as {
  databaseUnitSpecs(rootDir: string, roots: string[]): string[];
  exactFilesRegex(files: string[]): string;
};
type Environment = {
  global: { process: NodeJS.Process };
  handleTestEvent(event: { name: string }, state: { unhandledErrors: unknown[] }): void;
  teardown(): Promise<void>;
};
const UnitEnvironment = require('./unit-environment') as new (config: object, context: object) => Environment;
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, '../..');

describe('the unit specs that run again on PostgreSQL', () => {
  it('are the ones that name DATABASE_URL, and the regex takes exactly them', () => {
    const files = databaseUnitSpecs(ROOT, ['libs', 'apps', 'eslint-rules', 'test/support']);
    expect(files).toEqual(
      expect.arrayContaining(['libs/persistence/src/database.spec.ts', 'libs/audit/src/audit-actor.spec.ts']),
    );
    expect(files).not.toContain('libs/common/src/csv.spec.ts');
    const regex = new RegExp(exactFilesRegex(files));
    expect(regex.test(path.join(ROOT, 'libs/persistence/src/database.spec.ts'))).toBe(true);
    expect(regex.test(path.join(ROOT, 'libs/persistence/src/xdatabase.spec.ts'))).toBe(false);
    expect(regex.test(path.join(ROOT, 'libs/persistence/src/database.spec.ts.bak'))).toBe(false);
    expect(new RegExp(exactFilesRegex([])).test(path.join(ROOT, 'a.spec.ts'))).toBe(false);
  });
});

describe('the unit environment', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-unit-env-'));
  const environment = (source: string) => {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.spec.ts`);
    fs.writeFileSync(file, source);
    const projectConfig = {
      displayName: { name: 'unit' },
      rootDir: dir,
      testEnvironmentOptions: {},
      globals: {},
    };
    return new UnitEnvironment(
      { projectConfig, globalConfig: {} },
      { testPath: file, console, docblockPragmas: {} },
    );
  };
  const finish = (env: Environment) => {
    const state = { unhandledErrors: [] as unknown[] };
    env.handleTestEvent({ name: 'run_finish' }, state);
    return state.unhandledErrors.map((e) => String(e));
  };
  const saved = { DATABASE_URL: process.env.DATABASE_URL, TEST_COST_FILE: process.env.TEST_COST_FILE };
  // These environments are not a test file's: they must add no line to the run's cost report.
  beforeAll(() => delete process.env.TEST_COST_FILE);
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('on PGlite, fails a spec that reads DATABASE_URL without naming it', async () => {
    delete process.env.DATABASE_URL;
    const env = environment(`it('x', () => helper());`);
    expect(env.global.process.env.DATABASE_URL).toBeUndefined();
    expect(Object.keys(env.global.process.env)).not.toContain('DATABASE_URL');
    expect(finish(env)).toEqual([expect.stringContaining('DATABASE_URL')]);
    await env.teardown();
  });

  it('on PostgreSQL, leaves the variable as it is', async () => {
    process.env.DATABASE_URL = 'postgres://example/x';
    const env = environment(`it('x', () => helper());`);
    expect({ ...env.global.process.env }.DATABASE_URL).toBe('postgres://example/x');
    expect(finish(env)).toEqual([]);
    await env.teardown();
  });

  it('passes a spec that never reads it, and one that names it', async () => {
    delete process.env.DATABASE_URL;
    const quiet = environment(`it('x', () => expect(1).toBe(1));`);
    expect(finish(quiet)).toEqual([]);
    await quiet.teardown();
    const named = environment(`const url = process.env.DATABASE_URL;`);
    void named.global.process.env.DATABASE_URL;
    expect(finish(named)).toEqual([]);
    await named.teardown();
  });
});
