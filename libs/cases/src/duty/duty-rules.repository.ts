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
  /** Who published it and, for a relaxation, the second administrator who approved it (names as now). */
  createdByName: string | null;
  approvedByName: string | null;
}

/** A change that relaxes the rules, waiting for a second administrator (four eyes). */
export interface DutyRulesProposal {
  id: string;
  regionCode: string;
  effectiveFrom: string;
  rules: DutyRules;
  relaxes: string[];
  note: string | null;
  proposedBy: string;
  proposedByName: string;
  proposedAt: Date;
  status: 'pending' | 'approved' | 'rejected';
  decidedByName: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

const COLUMNS = `d.id, d.region_code AS "regionCode", to_char(d.effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
  d.version, d.rules, d.note, d.created_at AS "createdAt",
  (SELECT display_name FROM app_user WHERE id = d.created_by) AS "createdByName",
  (SELECT display_name FROM app_user WHERE id = d.approved_by) AS "approvedByName"`;

const PROPOSAL_COLUMNS = `p.id, p.region_code AS "regionCode", to_char(p.effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
  p.rules, p.relaxes, p.note, p.proposed_by AS "proposedBy", u.display_name AS "proposedByName",
  p.proposed_at AS "proposedAt",
  CASE WHEN x.proposal_id IS NULL THEN 'pending' WHEN x.approved THEN 'approved' ELSE 'rejected' END AS status,
  (SELECT display_name FROM app_user WHERE id = x.decided_by) AS "decidedByName",
  x.decided_at AS "decidedAt", x.reason`;
const PROPOSAL_FROM = `duty_rules_proposal p JOIN app_user u ON u.id = p.proposed_by
  LEFT JOIN duty_rules_decision x ON x.proposal_id = p.id`;

/**
 * SQL for a caller's own statement: the version of the rule sets, which is their number (the table
 * is append-only), so a process that keeps them can tell when another one published.
 */
export const RULE_SETS_VERSION = `(SELECT count(*)::int FROM duty_rules)`;

/**
 * SQL for a caller's own statement: the completed steps of process instance `instance` that user
 * `user` submitted or was named in, as a JSON array of `PriorAct` (see `priorActs`) each with its
 * `completedAt` (epoch seconds) to be put in order by (unsorted: a page's plan has no sort).
 */
export function priorActsJson(instance: string, user: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('actorId', ${user}, 'duties', p.candidate_groups,
            'taskName', p.name, 'named', p.completed_by IS DISTINCT FROM ${user},
            'completedAt', extract(epoch FROM p.completed_at))), '[]')
          FROM task p WHERE p.instance_id = ${instance} AND p.status = 'completed'
            AND (p.completed_by = ${user} OR ${user} = ANY(p.named_staff)))`;
}

/** The only code that reads or writes duty rules, and the steps they are checked against. */
export const dutyRulesRepository = {
  /** Every rule set, of every region and date. */
  all(em: EntityManager): Promise<DutyRuleSet[]> {
    return em.query(`SELECT ${COLUMNS} FROM duty_rules d`);
  },

  /** The version in force: nearest enclosing region, then latest effective date, then latest version. */
  async inForce(em: EntityManager, regionCode: string, date: string): Promise<DutyRuleSet | undefined> {
    const [row]: DutyRuleSet[] = await em.query(
      `SELECT ${COLUMNS} FROM duty_rules d
       WHERE $1 LIKE d.region_code || '%' AND d.effective_from <= $2
       ORDER BY length(d.region_code) DESC, d.effective_from DESC, d.version DESC LIMIT 1`,
      [regionCode, date],
    );
    return row;
  },

  /**
   * Every version in force on `date` for any region enclosing one of `regionCodes` (the codes
   * themselves and each prefix of them, '' included): one statement for a whole inbox, from which
   * `inForce`'s choice is made in memory for each region.
   */
  enclosing(em: EntityManager, regionCodes: string[], date: string): Promise<DutyRuleSet[]> {
    const prefixes = new Set<string>();
    for (const code of regionCodes) for (let n = 0; n <= code.length; n++) prefixes.add(code.slice(0, n));
    return em.query(
      `SELECT ${COLUMNS} FROM duty_rules d WHERE d.region_code = ANY($1::text[]) AND d.effective_from <= $2`,
      [[...prefixes], date],
    );
  },

  async byId(em: EntityManager, id: string): Promise<DutyRuleSet> {
    const [row]: DutyRuleSet[] = await em.query(`SELECT ${COLUMNS} FROM duty_rules d WHERE d.id = $1`, [id]);
    return row;
  },

  /** Rule sets of regions enclosing `regionCode` (not itself) that take effect after `date`. */
  scheduledAbove(em: EntityManager, regionCode: string, date: string): Promise<DutyRuleSet[]> {
    return em.query(
      `SELECT ${COLUMNS} FROM duty_rules d
       WHERE $1 LIKE d.region_code || '%' AND d.region_code <> $1 AND d.effective_from > $2
       ORDER BY d.effective_from`,
      [regionCode, date],
    );
  },

  /** A region's own versions, newest first. */
  history(em: EntityManager, regionCode: string): Promise<DutyRuleSet[]> {
    return em.query(`SELECT ${COLUMNS} FROM duty_rules d WHERE d.region_code = $1 ORDER BY d.version DESC`, [
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
      approvedBy?: string | null;
      createdAt: Date;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO duty_rules (id, region_code, effective_from, version, rules, note, created_by, created_at, approved_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        row.id,
        row.regionCode,
        row.effectiveFrom,
        row.version,
        JSON.stringify(row.rules),
        row.note,
        row.createdBy,
        row.createdAt,
        row.approvedBy ?? null,
      ],
    );
  },

  async insertProposal(
    em: EntityManager,
    row: Pick<
      DutyRulesProposal,
      'id' | 'regionCode' | 'effectiveFrom' | 'rules' | 'relaxes' | 'note' | 'proposedBy' | 'proposedAt'
    >,
  ): Promise<void> {
    await em.query(
      `INSERT INTO duty_rules_proposal (id, region_code, effective_from, rules, relaxes, note, proposed_by, proposed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.id,
        row.regionCode,
        row.effectiveFrom,
        JSON.stringify(row.rules),
        row.relaxes,
        row.note,
        row.proposedBy,
        row.proposedAt,
      ],
    );
  },

  /** The proposal, its decision row locked so that two approvals of one proposal cannot both pass. */
  async proposal(em: EntityManager, id: string, lock = false): Promise<DutyRulesProposal | undefined> {
    if (lock) await em.query(`SELECT id FROM duty_rules_proposal WHERE id = $1 FOR UPDATE`, [id]);
    const [row]: DutyRulesProposal[] = await em.query(
      `SELECT ${PROPOSAL_COLUMNS} FROM ${PROPOSAL_FROM} WHERE p.id = $1`,
      [id],
    );
    return row;
  },

  /** Proposals for regions within `regionPrefix`, newest first. */
  proposals(em: EntityManager, regionPrefix: string): Promise<DutyRulesProposal[]> {
    return em.query(
      `SELECT ${PROPOSAL_COLUMNS} FROM ${PROPOSAL_FROM} WHERE p.region_code LIKE $1 || '%' ORDER BY p.proposed_at DESC LIMIT 50`,
      [regionPrefix],
    );
  },

  async decide(
    em: EntityManager,
    row: {
      proposalId: string;
      approved: boolean;
      dutyRulesId: string | null;
      decidedBy: string;
      decidedAt: Date;
      reason: string | null;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO duty_rules_decision (proposal_id, approved, duty_rules_id, decided_by, decided_at, reason)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.proposalId, row.approved, row.dutyRulesId, row.decidedBy, row.decidedAt, row.reason],
    );
  },

  /**
   * Whether `actorId` created or changed the account `userId` (on the audit record): such an
   * account is not a second pair of eyes for its maker.
   */
  async managedBy(em: EntityManager, userId: string, actorId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM audit_entry WHERE actor_id = $1 AND action LIKE 'user.%' AND detail->>'userId' = $2 LIMIT 1`,
      [actorId, userId],
    );
    return rows.length > 0;
  },

  /** The steps this user completed in these instances, in the order they completed them. */
  /** The staff accounts the completed step's form names, for separation of duties. */
  async recordNamedStaff(em: EntityManager, taskId: string, staffIds: string[]): Promise<void> {
    await em.query(`UPDATE task SET named_staff = $2::uuid[] WHERE id = $1`, [taskId, staffIds]);
  },

  /** Active staff holding any of `duties` whose jurisdiction covers the case, with their duties. */
  namedCandidates(
    em: EntityManager,
    duties: string[],
    caseRegion: string,
  ): Promise<{ id: string; displayName: string; role: string; extraRoles: string[]; regionCode: string }[]> {
    return em.query(
      `SELECT id, display_name AS "displayName", role, extra_roles AS "extraRoles", region_code AS "regionCode"
       FROM app_user
       WHERE disabled_at IS NULL AND pending_by IS NULL
         AND (role = ANY($1::text[]) OR extra_roles && $1::text[])
         AND $2 LIKE region_code || '%'`,
      [duties, caseRegion],
    );
  },

  priorActs(
    em: EntityManager,
    instanceIds: string[],
    userId: string,
  ): Promise<(PriorAct & { instanceId: string })[]> {
    return em.query(
      `SELECT instance_id AS "instanceId", $2::uuid AS "actorId", candidate_groups AS duties, name AS "taskName",
              (completed_by IS DISTINCT FROM $2::uuid) AS named
       FROM task WHERE instance_id = ANY($1::uuid[]) AND status = 'completed'
         AND (completed_by = $2::uuid OR $2::uuid = ANY(named_staff))
       ORDER BY completed_at`,
      [instanceIds, userId],
    );
  },
};
