import { EntityManager } from 'typeorm';
import type { DutyRules, PriorAct } from '@app/auth';

export interface DutyRuleSet {
  id: string;
  regionCode: string;
  effectiveFrom: string;
  version: number;
  rules: DutyRules;
  note: string | null;
  createdAt: Date;
}

const COLUMNS = `id, region_code AS "regionCode", to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
  version, rules, note, created_at AS "createdAt"`;

/** The only code that reads or writes duty rules, and the steps they are checked against. */
export const dutyRulesRepository = {
  /** The version in force: nearest enclosing region, then latest effective date, then latest version. */
  async inForce(em: EntityManager, regionCode: string, date: string): Promise<DutyRuleSet | undefined> {
    const [row]: DutyRuleSet[] = await em.query(
      `SELECT ${COLUMNS} FROM duty_rules
       WHERE $1 LIKE region_code || '%' AND effective_from <= $2
       ORDER BY length(region_code) DESC, effective_from DESC, version DESC LIMIT 1`,
      [regionCode, date],
    );
    return row;
  },

  async byId(em: EntityManager, id: string): Promise<DutyRuleSet> {
    const [row]: DutyRuleSet[] = await em.query(`SELECT ${COLUMNS} FROM duty_rules WHERE id = $1`, [id]);
    return row;
  },

  /** A region's own versions, newest first. */
  history(em: EntityManager, regionCode: string): Promise<DutyRuleSet[]> {
    return em.query(`SELECT ${COLUMNS} FROM duty_rules WHERE region_code = $1 ORDER BY version DESC`, [
      regionCode,
    ]);
  },

  async insert(
    em: EntityManager,
    row: {
      id: string;
      regionCode: string;
      effectiveFrom: string;
      version: number;
      rules: DutyRules;
      note: string | null;
      createdBy: string;
      createdAt: Date;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO duty_rules (id, region_code, effective_from, version, rules, note, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.id,
        row.regionCode,
        row.effectiveFrom,
        row.version,
        JSON.stringify(row.rules),
        row.note,
        row.createdBy,
        row.createdAt,
      ],
    );
  },

  /** The steps this user completed in these instances, in the order they completed them. */
  priorActs(
    em: EntityManager,
    instanceIds: string[],
    userId: string,
  ): Promise<(PriorAct & { instanceId: string })[]> {
    return em.query(
      `SELECT instance_id AS "instanceId", completed_by AS "actorId", candidate_groups AS duties, name AS "taskName"
       FROM task WHERE instance_id = ANY($1::uuid[]) AND status = 'completed' AND completed_by = $2
       ORDER BY completed_at`,
      [instanceIds, userId],
    );
  },
};
