import { EntityManager } from 'typeorm';

export interface ServiceConsentRow {
  id: string;
  caseId: string;
  recipient: string;
  address: string;
  channel: 'online' | 'paper';
  signedOn: string;
  templateId: string | null;
  templateVersion: number | null;
  textHash: string | null;
  text: string | null;
  note: string | null;
  recordedBy: string;
  recordedAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export interface ServiceRecordRow {
  id: string;
  caseId: string;
  documentId: string;
  receiptDocumentId: string | null;
  method: string;
  servedOn: string;
  deemedServedOn: string;
  recipient: string;
  address: string | null;
  servers: string[];
  witnesses: string[];
  evidence: string | null;
  consentId: string | null;
  remedy: boolean;
  recordedBy: string | null;
  recordedAt: Date;
}

const day = (v: unknown): string =>
  v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
const list = (v: unknown): string[] =>
  (typeof v === 'string' ? (JSON.parse(v) as unknown[]) : ((v as unknown[] | null) ?? [])).map(String);

/** A service_record row joined with its document, as `recordsOfCase` selects it. */
interface RecordSqlRow {
  id: string;
  case_id: string;
  document_id: string;
  receipt_document_id: string | null;
  method: string;
  served_on: string;
  deemed_served_on: string;
  recipient: string;
  address: string | null;
  servers: unknown;
  witnesses: unknown;
  evidence: string | null;
  consent_id: string | null;
  // Some drivers hand booleans back as 't'/'f'.
  remedy: boolean | string;
  recorded_by: string | null;
  recorded_at: Date;
  document_title: string;
  document_number: string | null;
}

/** A service_consent row (`SELECT *`) with its date as text. */
interface ConsentSqlRow {
  id: string;
  case_id: string;
  recipient: string;
  address: string;
  channel: ServiceConsentRow['channel'];
  signed_on: unknown;
  signed_on_text: string | null;
  template_id: string | null;
  template_version: number | null;
  text_hash: string | null;
  text: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
  user_agent: string | null;
  ip: string | null;
}

/** A case's service records with their documents; `$1` is the case. */
const RECORDS_OF_CASE = `SELECT s.id, s.case_id, s.document_id, s.receipt_document_id, s.method, s.served_on::text AS served_on,
    s.deemed_served_on::text AS deemed_served_on, s.recipient, s.address, array_to_json(s.servers) AS servers,
    array_to_json(s.witnesses) AS witnesses, s.evidence, s.consent_id, s.remedy, s.recorded_by, s.recorded_at,
    d.title AS document_title, d.number AS document_number
  FROM service_record s JOIN document d ON d.id = s.document_id
  WHERE s.case_id = $1`;

/** A case's 送达地址确认书 consents; `$1` is the case. */
const CONSENTS_OF_CASE = `SELECT *, signed_on::text AS signed_on_text FROM service_consent WHERE case_id = $1`;

const TIME_LIMIT_OF_CASE = `SELECT time_limit_due::text AS due, time_limit_due_certain AS certain,
    time_limit_extended AS extended
  FROM assistance_case WHERE id = $1`;

const EXTENSION_OF_CASE = `SELECT e.id, e.reason, e.approved_by, u.display_name AS approved_by_name, e.approved_at,
    e.previous_due::text AS previous_due, e.new_due::text AS new_due
  FROM case_time_limit_extension e LEFT JOIN app_user u ON u.id = e.approved_by WHERE e.case_id = $1`;

const DEFINITION_OF_INSTANCE = `SELECT d.id, d.key FROM process_instance i JOIN process_definition d ON d.id = i.definition_id
  WHERE i.id = $1`;

export type CaseServiceRecord = ServiceRecordRow & { documentTitle: string; documentNumber: string | null };

export interface CaseTimeLimit {
  due: string | null;
  certain: boolean | null;
  extended: boolean;
}

export interface CaseTimeLimitExtension {
  id: string;
  reason: string;
  approvedBy: string;
  approvedByName: string | null;
  approvedAt: Date;
  previousDue: string;
  newDue: string;
}

/** What a case page shows of 送达 and the time limit, from `caseDeadlines`. */
export interface CaseDeadlineRows {
  records: CaseServiceRecord[];
  consents: ServiceConsentRow[];
  timeLimit: CaseTimeLimit;
  extension: CaseTimeLimitExtension | null;
  definition: { id: string; key: string } | null;
}

interface CaseDeadlinesJson {
  records: (RecordSqlRow & { recorded_at: string })[];
  consents: (ConsentSqlRow & { recorded_at: string })[];
  timeLimit: TimeLimitSqlRow | null;
  extension: (ExtensionSqlRow & { approved_at: string }) | null;
  definition: { id: string; key: string } | null;
}

interface TimeLimitSqlRow {
  due: string | null;
  certain: boolean | null;
  extended: boolean | null;
}

interface ExtensionSqlRow {
  id: string;
  reason: string;
  approved_by: string;
  approved_by_name: string | null;
  approved_at: Date;
  previous_due: string;
  new_due: string;
}

/** The only code that reads or writes service records, consents and case time limits. */
export const serviceRepository = {
  async lastServeTaskData(em: EntityManager, instanceId: string): Promise<Record<string, unknown> | null> {
    const [row]: { data: Record<string, unknown> | string }[] = await em.query(
      `SELECT data FROM task WHERE instance_id = $1 AND status = 'completed' AND data->>'serviceMethod' IS NOT NULL
       ORDER BY completed_at DESC LIMIT 1`,
      [instanceId],
    );
    return row ? (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) : null;
  },

  async insertRecord(em: EntityManager, r: ServiceRecordRow): Promise<void> {
    await em.query(
      `INSERT INTO service_record (id, case_id, document_id, receipt_document_id, method, served_on, deemed_served_on,
         recipient, address, servers, witnesses, evidence, consent_id, remedy, recorded_by, recorded_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::text[],$11::text[],$12,$13,$14,$15,$16)`,
      [
        r.id,
        r.caseId,
        r.documentId,
        r.receiptDocumentId,
        r.method,
        r.servedOn,
        r.deemedServedOn,
        r.recipient,
        r.address,
        r.servers,
        r.witnesses,
        r.evidence,
        r.consentId,
        r.remedy,
        r.recordedBy,
        r.recordedAt,
      ],
    );
  },

  /**
   * A case's records, consents, time limit and extension, and the definition its process runs
   * (for `sa:caseLimit`), in one statement: the case page reads them on every view.
   */
  async caseDeadlines(em: EntityManager, caseId: string, instanceId: string): Promise<CaseDeadlineRows> {
    const [row]: { d: CaseDeadlinesJson }[] = await em.query(
      `SELECT ${serviceRepository.caseDeadlinesJson('$1', '$2')} AS d`,
      [caseId, instanceId],
    );
    return serviceRepository.caseDeadlinesFromJson(row.d);
  },

  /**
   * SQL: what `caseDeadlines` reads, as one JSON value, for the case `caseId` whose process is
   * `instanceId` (SQL expressions): the case page reads it inside its own statement.
   */
  caseDeadlinesJson(caseId: string, instanceId: string): string {
    const of = (sql: string, key: string) => sql.replace('$1', key);
    return `json_build_object(
      'records', (SELECT coalesce(json_agg(x ORDER BY x.recorded_at, x.served_on), '[]') FROM (${of(RECORDS_OF_CASE, caseId)}) x),
      'consents', (SELECT coalesce(json_agg(x ORDER BY x.recorded_at DESC), '[]') FROM (${of(CONSENTS_OF_CASE, caseId)}) x),
      'timeLimit', (SELECT row_to_json(x) FROM (${of(TIME_LIMIT_OF_CASE, caseId)}) x),
      'extension', (SELECT row_to_json(x) FROM (${of(EXTENSION_OF_CASE, caseId)}) x LIMIT 1),
      'definition', (SELECT row_to_json(x) FROM (${of(DEFINITION_OF_INSTANCE, instanceId)}) x))`;
  },

  /** The rows from the JSON `caseDeadlinesJson` built. */
  caseDeadlinesFromJson(d: unknown): CaseDeadlineRows {
    const row = d as CaseDeadlinesJson;
    // JSON carries times as text: back to the Date the driver gives a row.
    return {
      records: row.records.map((r) => toRecord({ ...r, recorded_at: new Date(r.recorded_at) })),
      consents: row.consents.map((c) => toConsent({ ...c, recorded_at: new Date(c.recorded_at) })),
      timeLimit: toTimeLimit(row.timeLimit ?? undefined),
      extension:
        row.extension && toExtension({ ...row.extension, approved_at: new Date(row.extension.approved_at) }),
      definition: row.definition,
    };
  },

  async recordsOfCase(em: EntityManager, caseId: string): Promise<CaseServiceRecord[]> {
    const rows: RecordSqlRow[] = await em.query(`${RECORDS_OF_CASE} ORDER BY s.recorded_at, s.served_on`, [
      caseId,
    ]);
    return rows.map(toRecord);
  },

  async insertConsent(em: EntityManager, r: ServiceConsentRow): Promise<void> {
    await em.query(
      `INSERT INTO service_consent (id, case_id, recipient, address, channel, signed_on, template_id, template_version,
         text_hash, text, note, recorded_by, recorded_at, user_agent, ip)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
      [
        r.id,
        r.caseId,
        r.recipient,
        r.address,
        r.channel,
        r.signedOn,
        r.templateId,
        r.templateVersion,
        r.textHash,
        r.text,
        r.note,
        r.recordedBy,
        r.recordedAt,
        r.userAgent,
        r.ip,
      ],
    );
  },

  async consentsOfCase(em: EntityManager, caseId: string): Promise<ServiceConsentRow[]> {
    const rows: ConsentSqlRow[] = await em.query(`${CONSENTS_OF_CASE} ORDER BY recorded_at DESC`, [caseId]);
    return rows.map(toConsent);
  },

  async latestConsent(
    em: EntityManager,
    caseId: string,
    recipient: string,
  ): Promise<ServiceConsentRow | null> {
    const [row]: ConsentSqlRow[] = await em.query(
      `SELECT *, signed_on::text AS signed_on_text FROM service_consent
       WHERE case_id = $1 AND recipient = $2 ORDER BY recorded_at DESC LIMIT 1`,
      [caseId, recipient],
    );
    return row ? toConsent(row) : null;
  },

  // ---- whole-case time limit ----

  async timeLimit(em: EntityManager, caseId: string): Promise<CaseTimeLimit> {
    const [row]: TimeLimitSqlRow[] = await em.query(TIME_LIMIT_OF_CASE, [caseId]);
    return toTimeLimit(row);
  },

  async setTimeLimit(
    em: EntityManager,
    caseId: string,
    value: { due: string; certain: boolean; extended: boolean },
  ): Promise<void> {
    await em.query(
      `UPDATE assistance_case SET time_limit_due = $2, time_limit_due_certain = $3, time_limit_extended = $4 WHERE id = $1`,
      [caseId, value.due, value.certain, value.extended],
    );
  },

  async insertExtension(
    em: EntityManager,
    r: {
      id: string;
      caseId: string;
      reason: string;
      approvedBy: string;
      approvedAt: Date;
      previousDue: string;
      newDue: string;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO case_time_limit_extension (id, case_id, reason, approved_by, approved_at, previous_due, new_due)
       VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [r.id, r.caseId, r.reason, r.approvedBy, r.approvedAt, r.previousDue, r.newDue],
    );
  },

  async extension(em: EntityManager, caseId: string): Promise<CaseTimeLimitExtension | null> {
    const [row]: ExtensionSqlRow[] = await em.query(EXTENSION_OF_CASE, [caseId]);
    return row ? toExtension(row) : null;
  },

  /** The stored process definition of a case's instance (for `sa:caseLimit`). */
  async definitionOfInstance(
    em: EntityManager,
    instanceId: string,
  ): Promise<{ id: string; key: string } | null> {
    const [row]: { id: string; key: string }[] = await em.query(DEFINITION_OF_INSTANCE, [instanceId]);
    return row ?? null;
  },
};

function toConsent(r: ConsentSqlRow): ServiceConsentRow {
  return {
    id: r.id,
    caseId: r.case_id,
    recipient: r.recipient,
    address: r.address,
    channel: r.channel,
    signedOn: day(r.signed_on_text ?? r.signed_on),
    templateId: r.template_id,
    templateVersion: r.template_version,
    textHash: r.text_hash,
    text: r.text,
    note: r.note,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    userAgent: r.user_agent,
    ip: r.ip,
  };
}

function toRecord(r: RecordSqlRow): CaseServiceRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    documentId: r.document_id,
    receiptDocumentId: r.receipt_document_id,
    method: r.method,
    servedOn: day(r.served_on),
    deemedServedOn: day(r.deemed_served_on),
    recipient: r.recipient,
    address: r.address,
    servers: list(r.servers),
    witnesses: list(r.witnesses),
    evidence: r.evidence,
    consentId: r.consent_id,
    remedy: r.remedy === true || r.remedy === 't',
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    documentTitle: r.document_title,
    documentNumber: r.document_number,
  };
}

function toTimeLimit(row: TimeLimitSqlRow | undefined): CaseTimeLimit {
  return {
    due: row?.due ? day(row.due) : null,
    certain: row?.certain ?? null,
    extended: row?.extended === true,
  };
}

function toExtension(row: ExtensionSqlRow): CaseTimeLimitExtension {
  return {
    id: row.id,
    reason: row.reason,
    approvedBy: row.approved_by,
    approvedByName: row.approved_by_name ?? null,
    approvedAt: row.approved_at,
    previousDue: day(row.previous_due),
    newDue: day(row.new_due),
  };
}
