import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock, shanghaiDate } from '@app/common';
import { AuditService } from '@app/audit';
import { ageOn, maskResidentId } from '@app/assistance';
import { AuthUser, requireAccess } from '@app/auth';
import { AuthorizationSignatureEntity, CaseEntity, Database } from '@app/persistence';
import { DocumentPipeline, TemplateStore } from '@app/issuance';
import { caseRepository as cases } from '../case.repository';
import { caseForStaff, mayReadCase } from '../case-access';
import { DocumentIssuer } from '../document-issuer';
import {
  AUTHORIZATION_TEMPLATES,
  AuthorizationText,
  authorizationTemplateFor,
  renderAuthorizationText,
} from './authorization-text';
import { authorizationSignatureRepository as signatures } from './authorization-signature.repository';
import { ClientInfo } from './authorization-signature';
import { SIGNING_AGE, unsignedAdults } from './signers';

/** One member's line of the signing sheet. */
export interface MemberSignatureState {
  name: string;
  relation: string;
  idNumberMasked: string;
  /** Must sign in person (age ≥ 18 today); a minor's guardian signs for them. */
  adult: boolean;
  signedAt: Date | null;
  method: 'online' | 'window' | null;
}

export interface AuthorizationSheet {
  members: MemberSignatureState[];
  /** Names of the adults who have not signed. */
  missing: string[];
  text: AuthorizationText;
}

/**
 * Every adult member signs the 核对授权书 — in the portal on the applicant's phone, one after
 * another, or on paper at the window (the clerk records it with the scan). When the last adult
 * signs, the 授权书 is issued again with every signer and date in its signature column.
 */
@Injectable()
export class MemberSigningService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DocumentIssuer) private readonly issuer: DocumentIssuer,
    @Inject(DocumentPipeline) private readonly pipeline: DocumentPipeline,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The applicant's view: who has signed, who must still sign, and the text they sign. */
  sheet(user: AuthUser, caseId: string): Promise<AuthorizationSheet> {
    return this.db.read(async (em) => {
      const kase = await this.ownCase(em, user, caseId);
      return this.sheetOf(em, kase);
    });
  }

  /** The staff's view of the same sheet: the window goes through it with the family at the counter. */
  sheetForStaff(user: AuthUser, caseId: string): Promise<AuthorizationSheet> {
    return this.db.read(async (em) => this.sheetOf(em, await caseForStaff(em, user, caseId)));
  }

  async sheetOf(em: EntityManager, kase: CaseEntity): Promise<AuthorizationSheet> {
    const today = this.clock.today();
    const rows = await signatures.ofCase(em, kase.id);
    const missing = unsignedAdults(
      kase.household,
      rows.map((r) => r.signerIdNumber),
      today,
    ).map((m) => m.name);
    return {
      members: kase.household.map((m) => {
        const row = rows.find((r) => r.signerIdNumber === m.idNumber);
        return {
          name: m.name,
          relation: m.relation,
          idNumberMasked: maskResidentId(m.idNumber),
          adult: ageOn(m.idNumber, today) >= SIGNING_AGE,
          signedAt: row?.signedAt ?? null,
          method: row?.method ?? null,
        };
      }),
      missing,
      text: await this.textOf(em, kase),
    };
  }

  /** Positions in the household of the adults who have not signed (for the window to go through). */
  unsignedMembers(caseId: string): Promise<number[]> {
    return this.db.read(async (em) => {
      const kase = await cases.byId(em, caseId);
      if (!kase) throw AppError.notFound('案件不存在');
      const signed = (await signatures.ofCase(em, kase.id)).map((s) => s.signerIdNumber);
      const missing = new Set(
        unsignedAdults(kase.household, signed, this.clock.today()).map((m) => m.idNumber),
      );
      return kase.household.flatMap((m, i) => (missing.has(m.idNumber) ? [i] : []));
    });
  }

  /** A member signs on the applicant's phone: their own name, after reading the text shown. */
  async signOnline(
    user: AuthUser,
    caseId: string,
    input: { memberIndex: number; signerName: string; accepted: boolean; textHash: string },
    client?: ClientInfo,
  ): Promise<AuthorizationSheet> {
    const sheet = await this.db.transaction(async (em) => {
      const kase = await this.ownCase(em, user, caseId, true);
      const member = this.signer(kase, input.memberIndex);
      if (input.accepted !== true)
        throw AppError.validation('须同意授权后方可签署', [
          { field: 'accepted', message: '须同意授权后方可签署' },
        ]);
      if (input.signerName.trim() !== member.name.trim())
        throw AppError.validation(`签名应与家庭成员姓名“${member.name}”一致`, [
          { field: 'signerName', message: `签名应与家庭成员姓名“${member.name}”一致，由本人签署` },
        ]);
      const text = await this.textOf(em, kase);
      if (text.textHash !== input.textHash)
        throw AppError.validation('授权书内容已变化，请重新阅读后签署', [
          { field: 'textHash', message: '授权书内容已变化，请重新阅读后签署' },
        ]);
      await this.record(em, kase, user, member, text, { method: 'online', attachmentId: null, client });
      return this.sheetOf(em, kase);
    });
    await this.pipeline.issued(caseId);
    return sheet;
  }

  /** The window clerk records a member's paper signature, with its scan already uploaded as a material. */
  async signAtWindow(
    user: AuthUser,
    caseId: string,
    input: { memberIndex: number; attachmentId: string; identityChecked: boolean },
  ): Promise<AuthorizationSheet> {
    const sheet = await this.db.transaction(async (em) => {
      const kase = await cases.byIdLockable(em, caseId, true);
      if (!kase) throw AppError.notFound('案件不存在');
      requireAccess(user, 'case.apply', { regionCode: kase.regionCode });
      const member = this.signer(kase, input.memberIndex);
      // A signature on paper is the member's only if the window saw that person's ID card.
      if (input.identityChecked !== true)
        throw AppError.validation(`请先核对${member.name}本人的身份证件`, [
          {
            field: 'identityChecked',
            message: `须核对${member.name}本人的身份证件，与家庭成员信息一致后方可登记`,
          },
        ]);
      if (!(await signatures.liveAttachment(em, kase.id, input.attachmentId)))
        throw AppError.validation('请先上传该成员签字的授权书扫描件', [
          { field: 'attachmentId', message: '扫描件不是本案件的有效材料，请先上传签字的授权书扫描件' },
        ]);
      const text = await this.textOf(em, kase);
      await this.record(em, kase, user, member, text, { method: 'window', attachmentId: input.attachmentId });
      return this.sheetOf(em, kase);
    });
    await this.pipeline.issued(caseId);
    return sheet;
  }

  private async ownCase(
    em: EntityManager,
    user: AuthUser,
    caseId: string,
    lock = false,
  ): Promise<CaseEntity> {
    const kase = await cases.byIdLockable(em, caseId, lock);
    if (!kase || !mayReadCase(user, kase, 'applicant')) throw AppError.notFound('未找到该申请');
    return kase;
  }

  private signer(kase: CaseEntity, index: number) {
    const member = Number.isInteger(index) ? kase.household[index] : undefined;
    if (!member)
      throw AppError.validation('家庭成员不存在', [
        { field: 'memberIndex', message: '请选择本户的家庭成员' },
      ]);
    return member;
  }

  /** The 授权书 of the case as it prints now (the text every member signs). */
  private textOf(em: EntityManager, kase: CaseEntity): Promise<AuthorizationText> {
    return renderAuthorizationText(
      em,
      this.templates,
      {
        program: kase.program,
        regionCode: kase.regionCode,
        applicant: {
          name: kase.applicantName,
          idNumber: kase.applicantIdNumber,
          address: kase.applicantAddress,
          ...(kase.applicantPhone ? { phone: kase.applicantPhone } : {}),
        },
        members: kase.household,
      },
      this.clock.now(),
    );
  }

  private async record(
    em: EntityManager,
    kase: CaseEntity,
    user: AuthUser,
    member: { name: string; idNumber: string },
    text: AuthorizationText,
    how: { method: 'online' | 'window'; attachmentId: string | null; client?: ClientInfo },
  ): Promise<void> {
    const existing = await signatures.ofCase(em, kase.id);
    if (existing.some((s) => s.signerIdNumber === member.idNumber))
      throw AppError.conflict('ALREADY_SIGNED', `${member.name}已签署核对授权书，无需重复签署`);
    const now = this.clock.now();
    const row: AuthorizationSignatureEntity = {
      id: randomUUID(),
      caseId: kase.id,
      signerName: member.name,
      signerIdNumber: member.idNumber,
      signedBy: user.id,
      signedAt: now,
      templateId: text.templateId,
      templateVersion: text.templateVersion,
      templateHash: text.templateHash,
      textHash: text.textHash,
      text: text.markup,
      userAgent: how.client?.userAgent?.slice(0, 500) || null,
      ip: how.client?.ip || null,
      method: how.method,
      attachmentId: how.attachmentId,
    };
    await signatures.insert(em, row);
    await this.audit.record(em, {
      at: now,
      actorId: user.id,
      action: 'authorization.sign',
      caseId: kase.id,
      detail: {
        signatureId: row.id,
        signerName: row.signerName,
        method: row.method,
        attachmentId: row.attachmentId,
        // The window records a paper signature only after checking the signer's ID card.
        ...(row.method === 'window' ? { identityChecked: true } : {}),
        templateVersion: row.templateVersion,
        textHash: row.textHash,
      },
    });
    await this.issueWhenAllSigned(em, kase, user.id, now);
  }

  /**
   * Once every adult has signed, the 授权书 is issued again with each signer and date in its
   * signature column (the one the start of the process issued was printed before they signed).
   * Inside the caller's transaction; the caller has the pipeline render it after commit.
   */
  async issueWhenAllSigned(em: EntityManager, kase: CaseEntity, actorId: string, now: Date): Promise<void> {
    const signed = (await signatures.ofCase(em, kase.id)).map((s) => s.signerIdNumber);
    if (unsignedAdults(kase.household, signed, shanghaiDate(now)).length) return;
    const issued = (await cases.documents(em, kase.id)).find((d) =>
      AUTHORIZATION_TEMPLATES.includes(d.templateId),
    );
    await this.issuer.issue(
      {
        instanceId: kase.processInstanceId,
        businessKey: kase.caseNo,
        elementId: 'Task_IssueAuthorization',
        elementName: '出具已签署的核对授权书',
        attributes: {
          service: 'document.issue',
          template: issued?.templateId ?? authorizationTemplateFor(kase.program),
        },
        variables: {},
      },
      { em, actorId, now },
      {
        onAcceptance: async () => undefined,
        serveTaskAnswers: async () => null,
        recordService: async () => undefined,
      },
    );
  }
}
