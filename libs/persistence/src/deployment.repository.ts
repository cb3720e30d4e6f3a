import { EntityManager } from 'typeorm';

/** The deployment's identity, kept in the database and mirrored by a marker file in DATA_DIR. */
export const deploymentRepository = {
  /** Held until the transaction ends: processes starting together check and bind one at a time. */
  async lock(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('app_deployment'))`);
  },

  async id(em: EntityManager): Promise<string | null> {
    const [row]: { deployment_id: string }[] = await em.query(
      `SELECT deployment_id FROM app_deployment WHERE id = 1`,
    );
    return row?.deployment_id ?? null;
  },

  /** Writes `id` unless the database already has one (another process started first); returns the stored one. */
  async claim(em: EntityManager, id: string): Promise<string> {
    await em.query(
      `INSERT INTO app_deployment (id, deployment_id, created_at) VALUES (1, $1, now()) ON CONFLICT (id) DO NOTHING`,
      [id],
    );
    return (await deploymentRepository.id(em))!;
  },

  /** Whether any document has been archived: its PDF then lives in some DATA_DIR. */
  async hasArchived(em: EntityManager): Promise<boolean> {
    const [row]: { archived: boolean }[] = await em.query(
      `SELECT EXISTS (SELECT 1 FROM document WHERE status = 'archived') AS archived`,
    );
    return row.archived;
  },
};
