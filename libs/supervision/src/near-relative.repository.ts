import { EntityManager } from 'typeorm';

export interface NearRelativeRow {
  id: string;
  staffUserId: string;
  staffName: string;
  staffRole: string;
  staffRegionCode: string;
  relativeName: string;
  relativeIdNumber: string;
  relation: string;
  note: string | null;
  registeredAt: Date;
}

export interface StaffMember {
  id: string;
  displayName: string;
  role: string;
  regionCode: string;
}

/** A case one of whose people is a registered near relative: one row per (case, relative). */
export interface NearRelativeCaseRow {
  id: string;
  caseNo: string;
  program: string;
  kind: string;
  status: string;
  outcome: string | null;
  regionCode: string;
  applicantName: string;
  nearRelative: boolean;
  createdAt: Date;
  idNumber: string;
  relativeName: string;
  relation: string;
  staffName: string;
}

export interface NearRelativeInsert {
  id: string;
  staffUserId: string;
  relativeName: string;
  relativeIdNumber: string;
  relation: string;
  note: string | null;
  registeredBy: string;
  registeredAt: Date;
}

/** The only code that reads or writes the register of staff near-relatives (近亲属备案). */
export const nearRelativeRepository = {
  async staffMember(em: EntityManager, userId: string): Promise<Omit<StaffMember, 'displayName'> | null> {
    const [staff]: Omit<StaffMember, 'displayName'>[] = await em.query(
      `SELECT id, role, region_code AS "regionCode" FROM app_user WHERE id = $1`,
      [userId],
    );
    return staff ?? null;
  },
  async isRegistered(em: EntityManager, staffUserId: string, relativeIdNumber: string): Promise<boolean> {
    const [existing]: { id: string }[] = await em.query(
      `SELECT id FROM staff_near_relative WHERE staff_user_id = $1 AND relative_id_number = $2`,
      [staffUserId, relativeIdNumber],
    );
    return !!existing;
  },
  async insert(em: EntityManager, row: NearRelativeInsert): Promise<void> {
    await em.query(
      `INSERT INTO staff_near_relative
         (id, staff_user_id, relative_name, relative_id_number, relation, note, registered_by, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.id,
        row.staffUserId,
        row.relativeName,
        row.relativeIdNumber,
        row.relation,
        row.note,
        row.registeredBy,
        row.registeredAt,
      ],
    );
  },
  /** Registered relatives of the staff of a region, newest first (ID numbers in full). */
  within(em: EntityManager, regionPrefix: string): Promise<NearRelativeRow[]> {
    return em.query(
      `SELECT r.id, r.staff_user_id AS "staffUserId", u.display_name AS "staffName", u.role AS "staffRole",
              u.region_code AS "staffRegionCode", r.relative_name AS "relativeName",
              r.relative_id_number AS "relativeIdNumber", r.relation, r.note, r.registered_at AS "registeredAt"
       FROM staff_near_relative r JOIN app_user u ON u.id = r.staff_user_id
       WHERE u.region_code LIKE $1
       ORDER BY r.registered_at DESC, r.id`,
      [`${regionPrefix}%`],
    );
  },
  /** Staff (not applicants) of a region. */
  staffWithin(em: EntityManager, regionPrefix: string): Promise<StaffMember[]> {
    return em.query(
      `SELECT id, display_name AS "displayName", role, region_code AS "regionCode"
       FROM app_user WHERE role <> 'applicant' AND region_code LIKE $1 ORDER BY region_code, display_name`,
      [`${regionPrefix}%`],
    );
  },
  /** Cases (not warnings) of a region whose applicant or household member is a registered near relative. */
  relativeCases(em: EntityManager, regionPrefix: string): Promise<NearRelativeCaseRow[]> {
    return em.query(
      `SELECT c.id, c.case_no AS "caseNo", c.program, c.kind, c.status, c.outcome, c.region_code AS "regionCode",
              c.applicant_name AS "applicantName", c.near_relative AS "nearRelative", c.created_at AS "createdAt",
              r.relative_id_number AS "idNumber", r.relative_name AS "relativeName", r.relation,
              u.display_name AS "staffName"
       FROM assistance_case c
       JOIN staff_near_relative r
         ON r.relative_id_number = c.applicant_id_number
         OR c.household @> jsonb_build_array(jsonb_build_object('idNumber', r.relative_id_number))
       JOIN app_user u ON u.id = r.staff_user_id
       WHERE c.region_code LIKE $1 AND c.kind <> 'monitoring'
       ORDER BY c.created_at DESC, c.case_no`,
      [`${regionPrefix}%`],
    );
  },
};
