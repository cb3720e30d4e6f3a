import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock, ErrorDetail } from '@app/common';
import { AuditService } from '@app/audit';
import { maskResidentId, regionWithin, residentIdProblem } from '@app/assistance';
import type { AuthUser } from '@app/auth';
import { Database } from '@app/persistence';
import { programName } from '@app/cases';

/** 近亲属 (《最低生活保障审核审批办法（试行）》第十四条): whom a staff member must register. */
export const NEAR_RELATIONS = [
  '配偶',
  '父母',
  '子女',
  '兄弟姐妹',
  '祖父母',
  '外祖父母',
  '孙子女',
  '外孙子女',
] as const;
export type NearRelation = (typeof NEAR_RELATIONS)[number];

export interface NearRelativeInput {
  staffUserId: string;
  relativeName: string;
  relativeIdNumber: string;
  relation: string;
  note?: string;
}

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

/** The register of staff near-relatives (近亲属备案) and the 100% verification view of their cases. */
@Injectable()
export class NearRelativeService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async register(user: AuthUser, input: NearRelativeInput): Promise<NearRelativeRow> {
    const problems: ErrorDetail[] = [];
    const idProblem = residentIdProblem(input.relativeIdNumber, this.clock.today());
    if (idProblem) problems.push({ field: 'relativeIdNumber', message: `身份证号码无效：${idProblem}` });
    if (!(NEAR_RELATIONS as readonly string[]).includes(input.relation)) {
      problems.push({ field: 'relation', message: `亲属关系应为：${NEAR_RELATIONS.join('、')}` });
    }
    if (problems.length) throw AppError.validation(problems[0].message, problems);
    const id = await this.db.transaction(async (em) => {
      const [staff] = await em.query(
        `SELECT id, role, region_code AS "regionCode" FROM app_user WHERE id = $1`,
        [input.staffUserId],
      );
      if (!staff) {
        throw AppError.validation('工作人员不存在', [{ field: 'staffUserId', message: '工作人员不存在' }]);
      }
      if (staff.role === 'applicant') {
        throw AppError.validation('申请人账号不是经办人员', [
          { field: 'staffUserId', message: '只能为社会救助经办人员登记近亲属' },
        ]);
      }
      if (!regionWithin(staff.regionCode, user.regionCode)) {
        throw AppError.forbidden('该工作人员不在您的管辖范围内');
      }
      const [existing] = await em.query(
        `SELECT id FROM staff_near_relative WHERE staff_user_id = $1 AND relative_id_number = $2`,
        [input.staffUserId, input.relativeIdNumber],
      );
      if (existing) throw AppError.conflict('NEAR_RELATIVE_REGISTERED', '该近亲属已登记备案');
      const id = randomUUID();
      const now = this.clock.now();
      await em.query(
        `INSERT INTO staff_near_relative
           (id, staff_user_id, relative_name, relative_id_number, relation, note, registered_by, registered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          input.staffUserId,
          input.relativeName,
          input.relativeIdNumber,
          input.relation,
          input.note ?? null,
          user.id,
          now,
        ],
      );
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'supervision.near-relative.register',
        caseId: null,
        detail: { id, staffUserId: input.staffUserId, relation: input.relation },
      });
      return id;
    });
    return (await this.list(user)).find((r) => r.id === id)!;
  }

  /** Registered relatives of the staff within the user's region (a list view: ID numbers masked). */
  async list(user: AuthUser): Promise<NearRelativeRow[]> {
    const rows: NearRelativeRow[] = await this.db.read((em) =>
      em.query(
        `SELECT r.id, r.staff_user_id AS "staffUserId", u.display_name AS "staffName", u.role AS "staffRole",
                u.region_code AS "staffRegionCode", r.relative_name AS "relativeName",
                r.relative_id_number AS "relativeIdNumber", r.relation, r.note, r.registered_at AS "registeredAt"
         FROM staff_near_relative r JOIN app_user u ON u.id = r.staff_user_id
         WHERE u.region_code LIKE $1
         ORDER BY r.registered_at DESC, r.id`,
        [`${user.regionCode}%`],
      ),
    );
    return rows.map((r) => ({ ...r, relativeIdNumber: maskResidentId(r.relativeIdNumber) }));
  }

  /** Staff a relative may be registered for (the select in the register form). */
  staff(user: AuthUser): Promise<{ id: string; displayName: string; role: string; regionCode: string }[]> {
    return this.db.read((em) =>
      em.query(
        `SELECT id, display_name AS "displayName", role, region_code AS "regionCode"
         FROM app_user WHERE role <> 'applicant' AND region_code LIKE $1 ORDER BY region_code, display_name`,
        [`${user.regionCode}%`],
      ),
    );
  }

  /**
   * Every case in the user's region whose applicant or household member is a registered near
   * relative: the 100% verification list (审核确认办法第二十条).
   */
  async cases(user: AuthUser) {
    const rows: {
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
    }[] = await this.db.read((em) =>
      em.query(
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
        [`${user.regionCode}%`],
      ),
    );
    const byCase = new Map<string, ReturnType<typeof toCase>>();
    function toCase(r: (typeof rows)[number]) {
      return {
        id: r.id,
        caseNo: r.caseNo,
        program: r.program,
        programName: programName(r.program),
        kind: r.kind,
        status: r.status,
        outcome: r.outcome,
        regionCode: r.regionCode,
        applicantName: r.applicantName,
        /** Whether the case was run as a near-relative case (county visit). */
        nearRelative: r.nearRelative,
        createdAt: r.createdAt,
        relatives: [] as {
          relativeName: string;
          idNumberMasked: string;
          relation: string;
          staffName: string;
        }[],
      };
    }
    for (const r of rows) {
      const entry = byCase.get(r.id) ?? toCase(r);
      entry.relatives.push({
        relativeName: r.relativeName,
        idNumberMasked: maskResidentId(r.idNumber),
        relation: r.relation,
        staffName: r.staffName,
      });
      byCase.set(r.id, entry);
    }
    return [...byCase.values()];
  }
}
