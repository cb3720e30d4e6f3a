import * as path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import rule from './no-sql-outside-repositories';

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

const root = process.cwd();
const at = (file: string) => path.join(root, file);

const SQL = [
  `export const f = (em: EntityManager) => em.query('SELECT 1');`,
  `export const f = (em: EntityManager) => em.getRepository(UserEntity).find();`,
  `export const f = (em: EntityManager) => em.createQueryBuilder().update(TaskEntity).execute();`,
  `export const f = (ds: DataSource) => ds.manager.query('SELECT 1', []);`,
];

tester.run('no-sql-outside-repositories', rule, {
  valid: [
    // Where SQL belongs.
    ...SQL.map((code) => ({ code, filename: at('libs/auth/src/user.repository.ts') })),
    ...SQL.map((code) => ({ code, filename: at('apps/api/src/health/health.repository.ts') })),
    { code: SQL[0], filename: at('libs/persistence/src/migrations/1700000000000-Init.ts') },
    { code: SQL[0], filename: at('libs/persistence/src/backup/backup.ts') },
    { code: SQL[0], filename: at('libs/persistence/src/driver/pglite-pool.ts') },
    { code: SQL[1], filename: at('libs/auth/src/auth.service.spec.ts') },
    { code: SQL[0], filename: at('test/support/test-app.ts') },
    { code: SQL[0], filename: at('test/accounts.e2e-spec.ts') },
    // Calling a repository, or something merely named alike, is not SQL.
    {
      code: `export const f = (em: EntityManager) => userRepository.byId(em, 'x');`,
      filename: at('libs/auth/src/auth.service.ts'),
    },
    { code: `export const q = req.query;`, filename: at('apps/api/src/http/request-id.ts') },
    { code: `export const f = () => queryAll();`, filename: at('libs/auth/src/auth.service.ts') },
    { code: `export const f = (fn: () => void) => fn.call(null);`, filename: at('libs/x/a.ts') },
    { code: `export const f = (o: { run(): void }) => o.run.bind(o);`, filename: at('libs/x/a.ts') },
  ],
  invalid: [
    ...SQL.map((code, i) => ({
      code,
      filename: at('libs/auth/src/account.service.ts'),
      errors: [
        {
          messageId: 'sql',
          data: { name: ['query', 'getRepository', 'createQueryBuilder', 'query'][i] },
        },
      ],
    })),
    // Controllers, scripts and benchmarks are not exempt.
    { code: SQL[0], filename: at('apps/api/src/controllers/health.controller.ts'), errors: 1 },
    { code: SQL[0], filename: at('scripts/lib/integrity.ts'), errors: 1 },
    { code: SQL[2], filename: at('bench/run.ts'), errors: 1 },
    // A file only named like a repository elsewhere in its path is not one.
    { code: SQL[0], filename: at('libs/workflow/src/repository.ts/helper.ts'), errors: 1 },
    // Nor does a folder called test deeper down exempt production code.
    { code: SQL[0], filename: at('libs/cases/src/test/helper.ts'), errors: 1 },
    // Optional chaining, computed access and a bare imported function are caught too.
    {
      code: `export const f = (em?: EntityManager) => em?.query('SELECT 1');`,
      filename: at('libs/x/a.ts'),
      errors: 1,
    },
    {
      code: `export const f = (em: EntityManager) => em['query']('SELECT 1');`,
      filename: at('libs/x/a.ts'),
      errors: 1,
    },
    { code: `export const f = () => getRepository(UserEntity);`, filename: at('libs/x/a.ts'), errors: 1 },
    // Other doors into the database, and calling one through call/apply/bind or a template key.
    ...[
      "export const f = (em: EntityManager) => em[`query`]('SELECT 1');",
      `export const f = (em: EntityManager) => em.query.call(em, 'SELECT 1');`,
      `export const f = (em: EntityManager) => em.query.apply(em, ['SELECT 1']);`,
      `export const f = (em: EntityManager) => em.query.bind(em)('SELECT 1');`,
      `export const f = (ds: DataSource) => ds.createQueryRunner();`,
      `export const f = (em: EntityManager) => em.getTreeRepository(RegionEntity);`,
      `export const f = (em: EntityManager) => em.withRepository(repo);`,
      `export const f = async () => (await getPGliteInstance()).exec('SELECT 1');`,
    ].map((code) => ({ code, filename: at('apps/api/src/backup/online-backup.service.ts'), errors: 1 })),
    // Every call is reported, not just the first.
    {
      code: `export async function f(em: EntityManager) { await em.query('A'); await em.getRepository(X).find(); }`,
      filename: at('libs/audit/src/audit.service.ts'),
      errors: 2,
    },
  ],
});
