import { caseworkRepository as casework } from './casework/casework.repository';
import { actingLabel } from './casework/holder';
import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, shanghaiDate as shanghaiToday } from '@app/common';
import { AuditService } from '@app/audit';
import {
  LoadedTemplate,
  decisionBasisProblem,
  formatDocumentNumber,
  validateTemplateData,
  formatCnDate,
  documentTitle,
} from '@app/documents';
import { EntityManager } from 'typeorm';
import { CaseEntity, DocumentData, DocumentEntity, nextCounterValue, OrganEntity } from '@app/persistence';
import type { ServiceCall, StepContext } from '@app/workflow';
import { caseRepository as cases } from './case.repository';
import { buildDocumentData } from './document-data';
import { publicNoticeWait } from './public-notice';
import { AUTHORIZATION_TEMPLATES } from './authorization/authorization-text';
import { authorizationSignatureRepository as signatures } from './authorization/authorization-signature.repository';
import { TemplateStore } from '@app/issuance';
import { refuseUnsetMarks, withRegionalInstruments } from './policy/regional-instruments';

/**
 * What issuing a document sets off outside the case module (delivery's, passed in by the
 * `document.issue` handler so the case module does not depend on delivery).
 */
export interface IssueEffects {
  /** The document records the acceptance date: the case time limit starts. */
  onAcceptance(em: EntityManager, kase: CaseEntity, acceptanceDate: string): Promise<void>;
  /** What the serve task recorded, for a receipt (`recordsService`) to state. */
  serveTaskAnswers(em: EntityManager, instanceId: string): Promise<Record<string, unknown> | null>;
  /** The receipt row is inserted: record the service it states. */
  recordService(
    em: EntityManager,
    input: { kase: CaseEntity; receipt: DocumentEntity; now: Date; actorId: string | null },
  ): Promise<void>;
  /** The document row is inserted (in the step's transaction): whom it concerns may be told. */
  onIssued?(
    em: EntityManager,
    input: { kase: CaseEntity; document: DocumentEntity; manifest: LoadedTemplate['manifest']; now: Date },
  ): Promise<void>;
}

/**
 * The `document.issue` service: inside the step's transaction it freezes the data snapshot and the
 * template version and takes the next 文号; the PDF is made from them after commit.
 */
@Injectable()
export class DocumentIssuer {
  constructor(
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /**
   * Returns what the process may read next: for a 公示 (a template that prints the period), its
   * printed end date and the wait until it is over, which the model's 公示 timer reads.
   */
  async issue(call: ServiceCall, step: StepContext, effects: IssueEffects): Promise<Record<string, unknown>> {
    const { em, now } = step;
    const templateId = call.attributes.template;
    const template = await this.templates.get(em, templateId, now);
    const kase = await cases.byInstance(em, call.instanceId);
    if (!kase) throw new Error(`流程实例 ${call.instanceId} 没有对应的案件`);
    const today = shanghaiToday(now);
    if (template.manifest.recordsCaseDate === 'acceptanceDate' && !kase.acceptanceDate) {
      kase.acceptanceDate = today;
      await cases.update(em, kase.id, { acceptanceDate: today });
      await effects.onAcceptance(em, kase, today);
    }
    const { agency, data } = await this.compose(em, kase, template, call.variables, today);
    const basisProblem = decisionBasisProblem(template.manifest, data.form?.legalBasis);
    if (basisProblem)
      throw AppError.validation(`无法出具《${template.manifest.title}》：${basisProblem}`, [
        { field: 'data.legalBasis', message: basisProblem },
      ]);
    if (template.manifest.recordsService) {
      // The receipt states what the serve task recorded, not answers an earlier service left behind.
      const answers = await effects.serveTaskAnswers(em, call.instanceId);
      if (answers && data.form) {
        for (const key of ['witnesses', 'evidence']) delete data.form[key];
        Object.assign(data.form, answers);
      }
    }
    if (step.actorId && step.onBehalfOf) {
      // 代办: the document carries the acting authority, as the law requires of a delegate's act.
      const actor = await casework.staff(em, step.actorId);
      const principal = await casework.staff(em, step.onBehalfOf);
      if (actor && principal) {
        data.actingAuthority = {
          handler: actor.displayName,
          principal: principal.displayName,
          label: actingLabel(actor.displayName, principal.displayName),
        };
      }
    }
    const verifyCode = randomBytes(8).toString('hex').toUpperCase();
    let number: string | null = null;
    if (template.manifest.numberCode) {
      const year = Number(today.slice(0, 4));
      const seq = await nextCounterValue(
        em,
        `doc:${agency.regionCode}:${template.manifest.numberCode}`,
        year,
      );
      number = formatDocumentNumber({
        agencyAbbr: agency.abbr,
        numberCode: template.manifest.numberCode,
        year,
        seq,
      });
    }
    const title = documentTitle(template.manifest, data as unknown as Record<string, unknown>);
    data.document = {
      title,
      ...(number ? { number } : {}),
      issuedDate: formatCnDate(today),
      verifyCode,
    };
    const errors = validateTemplateData(template.manifest.schema, data);
    if (errors.length) {
      throw AppError.validation(
        `无法出具《${template.manifest.title}》：${errors[0].message}`,
        errors.map((e) => ({ field: e.field.replace(/^form\./, 'data.'), message: e.message })),
      );
    }
    // A document citing an instrument its region has not set, or any 【待设置】, is never issued.
    refuseUnsetMarks(template.manifest.title, template.renderMarkup(data), {
      regionCode: kase.regionCode,
      date: today,
    });
    await this.templates.freeze(em, template, now);
    const document: DocumentEntity = {
      id: randomUUID(),
      caseId: kase.id,
      elementId: call.elementId,
      templateId,
      templateVersion: template.manifest.version,
      templateHash: template.contentHash,
      title,
      agencyRegionCode: agency.regionCode,
      number,
      data,
      verifyCode,
      issuedAt: now,
      status: 'pending',
      pdfSha256: null,
    };
    await cases.insertDocument(em, document);
    if (template.manifest.recordsService) {
      await effects.recordService(em, {
        kase,
        receipt: document,
        now,
        actorId: step.actorId,
      });
    }
    await this.audit.record(em, {
      at: now,
      actorId: step.actorId,
      action: 'document.issue',
      caseId: kase.id,
      detail: { documentId: document.id, templateId, number, elementId: call.elementId },
    });
    await effects.onIssued?.(em, { kase, document, manifest: template.manifest, now });
    const printsPeriod = !!(template.manifest.schema as { properties?: Record<string, unknown> }).properties
      ?.publicNotice;
    const endDate = (data.publicNotice as { endDate?: string } | undefined)?.endDate;
    return printsPeriod && endDate
      ? { publicNoticeEndDate: endDate, publicNoticeWait: publicNoticeWait(now, endDate) }
      : {};
  }

  /**
   * The issuing agency and the data snapshot of a document, read without writing anything: the
   * issue freezes it, the preview renders it. `kase.acceptanceDate` is the one the document prints.
   */
  async compose(
    em: EntityManager,
    kase: CaseEntity,
    template: LoadedTemplate,
    variables: Record<string, unknown>,
    today: string,
  ): Promise<{ agency: OrganEntity; data: DocumentData }> {
    const agencyCode =
      template.manifest.issuer === 'county' ? kase.regionCode.slice(0, 6) : kase.regionCode.slice(0, 9);
    const townshipCode = kase.regionCode.slice(0, 9);
    const countyCode = kase.regionCode.slice(0, 6);
    // One read for the three (a township's own document is issued by the township organ).
    const organs = await cases.organsInForce(em, [...new Set([agencyCode, townshipCode, countyCode])], today);
    const agency = organInForce(organs, agencyCode, today);
    const township = organInForce(organs, townshipCode, today);
    const county = organInForce(organs, countyCode, today);
    const regions = await cases.regions(em, [townshipCode, kase.regionCode]);
    const data = buildDocumentData({
      kase,
      agency,
      township,
      county,
      townshipRegion: regions.get(townshipCode) ?? null,
      village: regions.get(kase.regionCode) ?? null,
      variables,
      templateId: template.manifest.id,
      today,
      acceptanceDate: kase.acceptanceDate,
      assessment: await cases.latestAssessment(em, kase.id),
      earlierDocuments: await cases.earlierDocuments(em, kase.id),
      served: template.manifest.delivery === 'served',
      ...(AUTHORIZATION_TEMPLATES.includes(template.manifest.id) && {
        signatures: (await signatures.ofCase(em, kase.id)).map((s) => ({
          idNumber: s.signerIdNumber,
          signedOn: shanghaiToday(s.signedAt),
          method: s.method,
        })),
      }),
    });
    await withRegionalInstruments(em, template, data, kase.regionCode, today);
    return { agency, data };
  }
}

/** The organ acting for a region on the document date; a document never goes out unnamed. */
function organInForce(organs: Map<string, OrganEntity>, regionCode: string, onDate: string): OrganEntity {
  const organ = organs.get(regionCode);
  if (!organ)
    throw AppError.validation(`行政区划 ${regionCode} 在 ${onDate} 未配置发文机关`, [
      { field: 'regionCode', message: '未配置发文机关' },
    ]);
  return organ;
}
