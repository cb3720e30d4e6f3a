import { EntityManager } from 'typeorm';
import { CaseEntity } from '@app/persistence';
import { programName } from '@app/cases';

export interface MonitoringEventRow {
  id: string;
  source: string;
  sourceEventId: string;
  type: string;
  occurredOn: string;
  personName: string;
  personIdNumber: string;
  personAddress: string | null;
  personPhone: string | null;
  regionCode: string;
  details: string;
  amountFen: number | null;
  riskLevel: string;
  matchedCaseNos: string[];
  warningCaseId: string;
  attached: boolean;
  receivedBy: string;
  receivedAt: Date;
}

const EVENT_COLUMNS = `id, source, source_event_id AS "sourceEventId", type,
  to_char(occurred_on, 'YYYY-MM-DD') AS "occurredOn", person_name AS "personName",
  person_id_number AS "personIdNumber", person_address AS "personAddress", person_phone AS "personPhone",
  region_code AS "regionCode", details, amount_fen AS "amountFen", risk_level AS "riskLevel",
  matched_case_nos AS "matchedCaseNos", warning_case_id AS "warningCaseId", attached,
  received_by AS "receivedBy", received_at AS "receivedAt"`;

/** Active on assistance: H3b's benefit status, or (before it is set) a confirmed, closed application. */
export const ACTIVE_BENEFIT_SQL = `(c.kind = 'application' AND (c.benefit_status IN ('active', 'gradual_exit')
  OR (c.benefit_status IS NULL AND c.status = 'closed' AND c.outcome = 'confirmed')))`;

/** The only code that reads or writes monitoring events. */
export const monitoringRepository = {
  /** Held until commit: two deliveries of one event are handled one after the other. */
  async lockEvent(em: EntityManager, source: string, sourceEventId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`monitoring:${source}:${sourceEventId}`]);
  },
  /** Held until commit: one person's events join or open a warning one at a time. */
  async lockPerson(em: EntityManager, idNumber: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`warning:${idNumber}`]);
  },

  async bySourceId(
    em: EntityManager,
    source: string,
    sourceEventId: string,
  ): Promise<MonitoringEventRow | null> {
    const [row] = await em.query(
      `SELECT ${EVENT_COLUMNS} FROM monitoring_event WHERE source = $1 AND source_event_id = $2`,
      [source, sourceEventId],
    );
    return row ?? null;
  },

  async insert(em: EntityManager, row: MonitoringEventRow): Promise<void> {
    await em.query(
      `INSERT INTO monitoring_event (id, source, source_event_id, type, occurred_on, person_name, person_id_number,
         person_address, person_phone, region_code, details, amount_fen, risk_level, matched_case_nos,
         warning_case_id, attached, received_by, received_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14::jsonb,$15,$16,$17,$18)`,
      [
        row.id,
        row.source,
        row.sourceEventId,
        row.type,
        row.occurredOn,
        row.personName,
        row.personIdNumber,
        row.personAddress,
        row.personPhone,
        row.regionCode,
        row.details,
        row.amountFen,
        row.riskLevel,
        JSON.stringify(row.matchedCaseNos),
        row.warningCaseId,
        row.attached,
        row.receivedBy,
        row.receivedAt,
      ],
    );
  },

  ofWarning(em: EntityManager, warningCaseId: string): Promise<MonitoringEventRow[]> {
    return em.query(
      `SELECT ${EVENT_COLUMNS} FROM monitoring_event WHERE warning_case_id = $1 ORDER BY received_at, id`,
      [warningCaseId],
    );
  },

  /** 数据比对: cases (not warnings) whose applicant or household member has this resident ID. */
  async matchingCases(
    em: EntityManager,
    idNumber: string,
  ): Promise<{ id: string; caseNo: string; program: string; status: string; benefitActive: boolean }[]> {
    return em.query(
      `SELECT c.id, c.case_no AS "caseNo", c.program, c.status, ${ACTIVE_BENEFIT_SQL} AS "benefitActive"
       FROM assistance_case c
       WHERE c.kind <> 'monitoring'
         AND (c.applicant_id_number = $1 OR c.household @> jsonb_build_array(jsonb_build_object('idNumber', $1::text)))
       ORDER BY c.created_at, c.case_no`,
      [idNumber],
    );
  },

  /** The person's warning still being handled, if any. */
  async openWarning(em: EntityManager, idNumber: string): Promise<CaseEntity | null> {
    return em.getRepository(CaseEntity).findOne({
      where: { kind: 'monitoring', status: 'in_progress', applicantIdNumber: idNumber },
      order: { createdAt: 'ASC' },
    });
  },

  /**
   * Warnings of a region with their open step, risk, events and referral (newest first). `open`:
   * not yet lifted; `referred`: a referral "已告知并协助申请" the family has not yet applied on (the
   * clerk's list of families to help apply); `all`: every warning.
   */
  async warnings(em: EntityManager, regionPrefix: string, filter: 'open' | 'referred' | 'all') {
    const rows: {
      id: string;
      caseNo: string;
      status: string;
      outcome: string | null;
      regionCode: string;
      personName: string;
      idNumber: string;
      createdAt: Date;
      riskLevel: string | null;
      eventTypes: string[] | null;
      eventCount: number;
      tasks: { name: string; candidateGroups: string[]; dueDate: string | null }[] | null;
      children: { id: string; caseNo: string; program: string; status: string }[] | null;
      referral: { program: string; status: string; at: string } | null;
      referredApplication: { id: string; caseNo: string; status: string } | null;
    }[] = await em.query(
      `SELECT c.id, c.case_no AS "caseNo", c.status, c.outcome, c.region_code AS "regionCode",
              c.applicant_name AS "personName", c.applicant_id_number AS "idNumber", c.created_at AS "createdAt",
              (SELECT e.risk_level FROM monitoring_event e WHERE e.warning_case_id = c.id
                ORDER BY CASE e.risk_level WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END LIMIT 1) AS "riskLevel",
              (SELECT jsonb_agg(DISTINCT e.type) FROM monitoring_event e WHERE e.warning_case_id = c.id) AS "eventTypes",
              (SELECT count(*)::int FROM monitoring_event e WHERE e.warning_case_id = c.id) AS "eventCount",
              (SELECT jsonb_agg(jsonb_build_object('name', t.name, 'candidateGroups', t.candidate_groups,
                      'dueDate', t.due_date) ORDER BY t.created_at)
                 FROM task t WHERE t.instance_id = c.process_instance_id AND t.status = 'open') AS tasks,
              (SELECT jsonb_agg(jsonb_build_object('id', k.id, 'caseNo', k.case_no, 'program', k.program,
                      'status', k.status) ORDER BY k.created_at)
                 FROM assistance_case k WHERE k.parent_case_id = c.id) AS children,
              r.referral,
              (SELECT jsonb_build_object('id', k.id, 'caseNo', k.case_no, 'status', k.status)
                 FROM assistance_case k
                WHERE r.referral IS NOT NULL AND k.kind = 'application'
                  AND k.program = r.referral->>'program' AND k.created_at >= (r.referral->>'at')::timestamptz
                  AND (k.applicant_id_number = c.applicant_id_number
                       OR k.household @> jsonb_build_array(jsonb_build_object('idNumber', c.applicant_id_number::text)))
                ORDER BY k.created_at LIMIT 1) AS "referredApplication"
       FROM assistance_case c
       LEFT JOIN LATERAL (
         SELECT jsonb_build_object('program', a.detail->>'program', 'status', a.detail->>'status', 'at', a.at) AS referral
           FROM audit_entry a WHERE a.case_id = c.id AND a.action = 'monitoring.referral'
          ORDER BY a.at DESC, a.id DESC LIMIT 1
       ) r ON true
       WHERE c.kind = 'monitoring' AND c.region_code LIKE $1 ${filter === 'open' ? `AND c.status = 'in_progress'` : ''}
       ORDER BY c.created_at DESC, c.case_no DESC
       LIMIT 500`,
      [`${regionPrefix}%`],
    );
    const pending = (r: (typeof rows)[number]) => r.referral !== null && r.referredApplication === null;
    return rows
      .filter((r) => filter !== 'referred' || pending(r))
      .map((r) => ({
        id: r.id,
        caseNo: r.caseNo,
        status: r.status,
        outcome: r.outcome,
        regionCode: r.regionCode,
        personName: r.personName,
        idNumberMasked: `${r.idNumber.slice(0, 6)}********${r.idNumber.slice(14)}`,
        createdAt: r.createdAt,
        riskLevel: r.riskLevel,
        eventTypes: r.eventTypes ?? [],
        eventCount: r.eventCount,
        openTasks: (r.tasks ?? []).map((t) => ({
          ...t,
          dueDate: t.dueDate ? String(t.dueDate).slice(0, 10) : null,
        })),
        children: (r.children ?? []).map((k) => ({ ...k, programName: programName(k.program) })),
        referral: r.referral && {
          program: r.referral.program,
          programName: programName(r.referral.program),
          status: r.referral.status,
          referredAt: r.referral.at,
          application: r.referredApplication,
        },
      }));
  },
};
