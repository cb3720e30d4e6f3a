import { requireAccess } from '@app/auth';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock, ErrorDetail } from '@app/common';
import { AuditService } from '@app/audit';
import { maskResidentId, residentIdProblem } from '@app/assistance';
import type { AuthUser } from '@app/auth';
import { Database } from '@app/persistence';
import { programName } from '@app/cases';
import {
  NearRelativeCaseRow,
  NearRelativeRow,
  StaffMember,
  nearRelativeRepository as register,
} from './near-relative.repository';

export type { NearRelativeRow } from './near-relative.repository';

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
      const staff = await register.staffMember(em, input.staffUserId);
      if (!staff) {
        throw AppError.validation('工作人员不存在', [{ field: 'staffUserId', message: '工作人员不存在' }]);
      }
      if (staff.role === 'applicant') {
        throw AppError.validation('申请人账号不是经办人员', [
          { field: 'staffUserId', message: '只能为社会救助经办人员登记近亲属' },
        ]);
      }
      requireAccess(user, 'near_relative.manage', { regionCode: staff.regionCode });
      if (await register.isRegistered(em, input.staffUserId, input.relativeIdNumber)) {
        throw AppError.conflict('NEAR_RELATIVE_REGISTERED', '该近亲属已登记备案');
      }
      const id = randomUUID();
      const now = this.clock.now();
      await register.insert(em, {
        id,
        staffUserId: input.staffUserId,
        relativeName: input.relativeName,
        relativeIdNumber: input.relativeIdNumber,
        relation: input.relation,
        note: input.note ?? null,
        registeredBy: user.id,
        registeredAt: now,
      });
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
    const rows = await this.db.read((em) => register.within(em, user.regionCode));
    return rows.map((r) => ({ ...r, relativeIdNumber: maskResidentId(r.relativeIdNumber) }));
  }

  /** Staff a relative may be registered for (the select in the register form). */
  staff(user: AuthUser): Promise<StaffMember[]> {
    return this.db.read((em) => register.staffWithin(em, user.regionCode));
  }

  /**
   * Every case in the user's region whose applicant or household member is a registered near
   * relative: the 100% verification list (审核确认办法第二十条).
   */
  async cases(user: AuthUser) {
    const rows = await this.db.read((em) => register.relativeCases(em, user.regionCode));
    const byCase = new Map<string, ReturnType<typeof toCase>>();
    function toCase(r: NearRelativeCaseRow) {
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
