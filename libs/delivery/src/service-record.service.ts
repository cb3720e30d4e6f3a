import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock, shanghaiDate } from '@app/common';
import { AuditService } from '@app/audit';
import { maskResidentId } from '@app/assistance';
import type { AuthUser } from '@app/auth';
import { formatCnDate, parseMarkup } from '@app/documents';
import { CaseEntity, Database, DocumentEntity } from '@app/persistence';
import { CalendarProvider, isIsoDate } from '@app/workflow';
import { caseRepository as cases, assertMayReadCase, mayReadCase, ClientInfo } from '@app/cases';
import { TemplateStore } from '@app/issuance';
import { SERVICE_METHOD_NAMES, ServiceMethod, checkService, remedyDeadlines } from './service-rules';
import { CaseServiceRecord, serviceRepository as repo, ServiceConsentRow } from './service.repository';

export const CONSENT_TEMPLATE = 'electronic-service-consent';

/** Form fields of a 送达 user task (the dibao model's serve task). */
const SERVICE_FIELDS = [
  'serviceMethod',
  'serviceDate',
  'recipient',
  'serviceAddress',
  'servers',
  'witnesses',
  'evidence',
] as const;

/**
 * 送达 as evidence: issuing a template with `recordsService` (the 送达回证) writes a
 * `service_record` for the document it names, after the legal checks of the method; the remedy
 * clock runs from the deemed service date. Electronic service needs the recipient's consent.
 */
@Injectable()
export class ServiceRecordService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CalendarProvider) private readonly calendars: CalendarProvider,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * The serve task's own answers (the last completed task of the instance that asked for a 送达方式),
   * so a receipt never prints witnesses or evidence left in the process by an earlier service.
   */
  async serveTaskAnswers(em: EntityManager, instanceId: string): Promise<Record<string, unknown> | null> {
    const data = await repo.lastServeTaskData(em, instanceId);
    if (!data) return null;
    const out: Record<string, unknown> = {};
    for (const key of SERVICE_FIELDS) if (data[key] !== undefined && data[key] !== null) out[key] = data[key];
    return out;
  }

  /** Called by `document.issue` in the step's transaction, after the receipt row is inserted. */
  async recordFromReceipt(
    em: EntityManager,
    input: { kase: CaseEntity; receipt: DocumentEntity; now: Date; actorId: string | null },
  ): Promise<void> {
    const { kase, receipt } = input;
    const data = receipt.data as {
      served?: { title?: string; number?: string };
      form?: Record<string, unknown>;
    };
    const served = data.served;
    const documents = await cases.documents(em, kase.id);
    const document = [...documents]
      .reverse()
      .find(
        (d) =>
          d.id !== receipt.id &&
          d.title === served?.title &&
          (served?.number === undefined || d.number === served.number),
      );
    if (!document) {
      throw AppError.validation('找不到送达回证所列的被送达文书', [
        { field: 'served', message: '找不到被送达的文书' },
      ]);
    }
    const form = data.form ?? {};
    const recipient = String(form.recipient ?? kase.applicantName).trim();
    const consent = await repo.latestConsent(em, kase.id, recipient);
    const witnesses = Array.isArray(form.witnesses) ? form.witnesses.map(String) : [];
    const evidence = typeof form.evidence === 'string' ? form.evidence : null;
    const { deemedServedOn, problems } = checkService({
      method: form.serviceMethod,
      servedOn: form.serviceDate,
      documentIssuedOn: shanghaiDate(document.issuedAt),
      today: shanghaiDate(input.now),
      witnesses,
      evidence,
      hasElectronicConsent: !!consent,
    });
    if (problems.length) throw AppError.validation(`送达记录不符合规定：${problems[0].message}`, problems);
    const template = await this.templates.byHash(em, document.templateHash).catch(() => null);
    const method = form.serviceMethod as ServiceMethod;
    // checkService accepted it: a real 'YYYY-MM-DD'.
    const servedOn = form.serviceDate as string;
    const id = randomUUID();
    await repo.insertRecord(em, {
      id,
      caseId: kase.id,
      documentId: document.id,
      receiptDocumentId: receipt.id,
      method,
      servedOn,
      deemedServedOn: deemedServedOn!,
      recipient,
      address: typeof form.serviceAddress === 'string' ? form.serviceAddress : null,
      servers: Array.isArray(form.servers) ? form.servers.map(String) : [],
      witnesses,
      evidence,
      consentId: method === 'electronic' ? consent!.id : null,
      remedy: !!template?.manifest.remedy,
      recordedBy: input.actorId,
      recordedAt: input.now,
    });
    await this.audit.record(em, {
      at: input.now,
      actorId: input.actorId,
      action: 'service.record',
      caseId: kase.id,
      detail: {
        serviceRecordId: id,
        documentId: document.id,
        method,
        servedOn,
        deemedServedOn,
      },
    });
  }

  /** The 送达 of a case with the remedy deadlines of every served decision. */
  /** `read`: the case's records, when the caller has read them already. */
  async forCase(em: EntityManager, caseId: string, read?: CaseServiceRecord[]) {
    const rows = read ?? (await repo.recordsOfCase(em, caseId));
    // Only a record that opens a remedy needs the working calendar.
    const calendar = rows.some((r) => r.remedy) ? await this.calendars.current(em) : null;
    return rows.map((r) => ({
      id: r.id,
      document: { id: r.documentId, title: r.documentTitle, number: r.documentNumber },
      receiptDocumentId: r.receiptDocumentId,
      method: r.method,
      methodName: SERVICE_METHOD_NAMES[r.method as ServiceMethod] ?? r.method,
      servedOn: r.servedOn,
      deemedServedOn: r.deemedServedOn,
      recipient: r.recipient,
      address: r.address,
      servers: r.servers,
      witnesses: r.witnesses,
      evidence: r.evidence,
      consentId: r.consentId,
      remedy: r.remedy && calendar ? remedyDeadlines(r.deemedServedOn, calendar) : null,
    }));
  }

  /** `read`: the case's consents, when the caller has read them already. */
  async consentsOf(em: EntityManager, caseId: string, read?: ServiceConsentRow[]) {
    return (read ?? (await repo.consentsOfCase(em, caseId))).map(consentSummary);
  }

  /** The applicant signs the 电子送达确认书 online in the portal. */
  async signOnline(
    user: AuthUser,
    caseId: string,
    input: { address: string; agree: boolean },
    client: ClientInfo = {},
  ) {
    const problems = consentInputProblems({ address: input.address });
    if (input.agree !== true) problems.push({ field: 'agree', message: '请阅读确认书并勾选同意电子送达' });
    if (problems.length) throw AppError.validation(problems[0].message, problems);
    return this.db.transaction(async (em) => {
      const kase = await cases.byId(em, caseId);
      if (!kase || !mayReadCase(user, kase, 'applicant')) throw AppError.notFound('未找到该申请');
      const now = this.clock.now();
      const signedOn = shanghaiDate(now);
      const template = await this.templates.get(em, CONSENT_TEMPLATE, now);
      const text = await this.consentText(em, kase, template, {
        recipient: kase.applicantName,
        electronicAddress: input.address.trim(),
        signedOn,
      });
      await this.templates.freeze(em, template, now);
      const row: ServiceConsentRow = {
        id: randomUUID(),
        caseId: kase.id,
        recipient: kase.applicantName,
        address: input.address.trim(),
        channel: 'online',
        signedOn,
        templateId: template.manifest.id,
        templateVersion: template.manifest.version,
        textHash: createHash('sha256').update(text).digest('hex'),
        text,
        note: null,
        recordedBy: user.id,
        recordedAt: now,
        userAgent: client.userAgent ?? null,
        ip: client.ip ?? null,
      };
      await repo.insertConsent(em, row);
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'service.consent',
        caseId: kase.id,
        detail: { consentId: row.id, channel: 'online', recipient: row.recipient, textHash: row.textHash },
      });
      return consentSummary(row);
    });
  }

  /** The window clerk records a consent the recipient signed on paper. */
  async recordPaper(
    user: AuthUser,
    caseId: string,
    input: { recipient: string; address: string; signedOn: string; note?: string },
  ) {
    const problems = consentInputProblems(input);
    if (!input.recipient?.trim()) problems.push({ field: 'recipient', message: '请填写受送达人' });
    if (!isIsoDate(input.signedOn))
      problems.push({ field: 'signedOn', message: '请填写签署日期（YYYY-MM-DD）' });
    else if (input.signedOn > this.clock.today())
      problems.push({ field: 'signedOn', message: '签署日期不能晚于今天' });
    if (problems.length) throw AppError.validation(problems[0].message, problems);
    return this.db.transaction(async (em) => {
      const kase = await cases.byId(em, caseId);
      if (!kase) throw AppError.notFound('案件不存在');
      assertMayReadCase(user, kase, 'staff', '该案件不在您的管辖范围内');
      const now = this.clock.now();
      const row: ServiceConsentRow = {
        id: randomUUID(),
        caseId: kase.id,
        recipient: input.recipient.trim(),
        address: input.address.trim(),
        channel: 'paper',
        signedOn: input.signedOn,
        templateId: null,
        templateVersion: null,
        textHash: null,
        text: null,
        note: input.note?.trim() || null,
        recordedBy: user.id,
        recordedAt: now,
        userAgent: null,
        ip: null,
      };
      await repo.insertConsent(em, row);
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'service.consent',
        caseId: kase.id,
        detail: { consentId: row.id, channel: 'paper', recipient: row.recipient },
      });
      return consentSummary(row);
    });
  }

  /** The text of the consent as the portal shows it before signing. */
  async consentPreview(user: AuthUser, caseId: string, address: string) {
    return this.db.read(async (em) => {
      const kase = await cases.byId(em, caseId);
      if (!kase || !mayReadCase(user, kase, 'applicant')) throw AppError.notFound('未找到该申请');
      const now = this.clock.now();
      const template = await this.templates.get(em, CONSENT_TEMPLATE, now);
      const text = await this.consentText(em, kase, template, {
        recipient: kase.applicantName,
        electronicAddress: address.trim() || '（请填写手机号码或电子邮箱）',
        signedOn: shanghaiDate(now),
      });
      return {
        title: template.manifest.title,
        markup: text,
        blocks: parseMarkup(text),
        textHash: createHash('sha256').update(text).digest('hex'),
      };
    });
  }

  private async consentText(
    em: EntityManager,
    kase: CaseEntity,
    template: Awaited<ReturnType<TemplateStore['get']>>,
    form: { recipient: string; electronicAddress: string; signedOn: string },
  ): Promise<string> {
    const township = await cases.organ(em, kase.regionCode.slice(0, 9), form.signedOn);
    const county = await cases.organ(em, kase.regionCode.slice(0, 6), form.signedOn);
    const issuer = township ?? county;
    return template.renderMarkup({
      document: { title: template.manifest.title, issuedDate: formatCnDate(form.signedOn), verifyCode: '' },
      issuer: { name: issuer?.name ?? '' },
      case: { caseNo: kase.caseNo, programName: PROGRAM_NAMES[kase.program] ?? kase.program },
      applicant: { name: kase.applicantName, idNumberMasked: maskResidentId(kase.applicantIdNumber) },
      form,
    });
  }
}

const PROGRAM_NAMES: Record<string, string> = {
  dibao: '最低生活保障',
  tekun: '特困人员救助供养',
  dibian: '低收入人口认定',
  linshi: '临时救助',
};

function consentInputProblems(input: { address?: string }): { field: string; message: string }[] {
  const address = (input.address ?? '').trim();
  if (!address) return [{ field: 'address', message: '请填写电子送达地址（手机号码或电子邮箱）' }];
  if (!/^1\d{10}$/.test(address) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address))
    return [{ field: 'address', message: '电子送达地址应为11位手机号码或电子邮箱' }];
  return [];
}

function consentSummary(r: ServiceConsentRow) {
  return {
    id: r.id,
    recipient: r.recipient,
    address: r.address,
    channel: r.channel,
    signedOn: r.signedOn,
    textHash: r.textHash,
    recordedAt: r.recordedAt,
  };
}
