import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initializeDatabase } from '@app/persistence';

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
 * Gives `dataDir` the organs' development seals of this machine's test runs (one shared directory
 * in the temporary directory): a new one per test application costs a key pair and a PKCS#12
 * encryption in JavaScript per organ. Generation is locked per organ, so parallel runs share
 * safely. Production makes its own on first use (libs/signing/dev-seal).
 */
export async function seedDevelopmentSeal(dataDir: string): Promise<void> {
  const shared = path.join(os.tmpdir(), 'sa-test-organ-seals');
  fs.mkdirSync(shared, { recursive: true, mode: 0o700 });
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(path.join(dataDir, 'keys'))) fs.symlinkSync(shared, path.join(dataDir, 'keys'), 'dir');
}

/**
 * Replaces the shared seals link with a copy of the seals, as production holds them: a backup
 * takes DATA_DIR's own files and never follows a link out of it.
 */
export function ownDevelopmentSeals(dataDir: string): void {
  const keys = path.join(dataDir, 'keys');
  if (!fs.lstatSync(keys).isSymbolicLink()) return;
  const shared = fs.realpathSync(keys);
  fs.unlinkSync(keys);
  fs.cpSync(shared, keys, { recursive: true });
}
