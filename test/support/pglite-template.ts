import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initializeDatabase } from '@app/persistence';
import { ensureDevelopmentSeal } from '@app/signing';

const MIGRATIONS_DIR = path.resolve(__dirname, '../../libs/persistence/src/migrations');

/** A hash of the migrations' sources (and PGlite's version): any change builds a new template. */
function migrationsHash(): string {
  const h = createHash('sha256');
  // PGlite's own version too: its data files need not open in another version.
  const pglite = path.resolve(__dirname, '../../node_modules/@electric-sql/pglite/package.json');
  h.update(JSON.parse(fs.readFileSync(pglite, 'utf8')).version);
  for (const f of fs.readdirSync(MIGRATIONS_DIR).sort())
    h.update(f).update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  return h.digest('hex').slice(0, 16);
}

/**
 * Fills `dataDir` with a PGlite database on which every migration has already run, copied from a
 * template built once per set of migrations (the migrations themselves run, from an empty
 * database, when the template is built). A fresh PGlite runs initdb and fifteen migrations in
 * ≈ 3 s; a copy opens in ≈ 0.4 s, and the suite boots some forty test applications.
 */
export async function seedPgliteDataDir(dataDir: string): Promise<void> {
  const template = path.join(os.tmpdir(), `sa-pglite-template-${migrationsHash()}`);
  if (!fs.existsSync(path.join(template, 'pg', 'PG_VERSION'))) {
    // Built aside and renamed into place, so a concurrent run never copies half a template.
    const building = fs.mkdtempSync(`${template}.building-`);
    const dataSource = await initializeDatabase(
      { kind: 'pglite', dataDir: building } as never,
      'test template',
    );
    await dataSource.destroy();
    try {
      fs.renameSync(building, template);
    } catch {
      fs.rmSync(building, { recursive: true, force: true }); // another run finished first
    }
  }
  fs.cpSync(path.join(template, 'pg'), path.join(dataDir, 'pg'), { recursive: true });
}

/**
 * Gives `dataDir` the development seal of this machine's test runs (made once, in the temporary
 * directory): a new one per test application costs a key pair and a PKCS#12 encryption in
 * JavaScript at every boot. Production still makes its own on first start (libs/signing/dev-seal).
 */
export async function seedDevelopmentSeal(dataDir: string): Promise<void> {
  const shared = path.join(os.tmpdir(), 'sa-test-seal');
  await ensureDevelopmentSeal(shared);
  fs.mkdirSync(path.join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  for (const f of fs.readdirSync(shared).filter((f) => !f.endsWith('.lock') && !f.endsWith('.tmp')))
    fs.copyFileSync(path.join(shared, f), path.join(dataDir, 'keys', f));
}
