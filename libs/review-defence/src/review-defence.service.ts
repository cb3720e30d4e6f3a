import { Inject, Injectable } from '@nestjs/common';
import type { Content } from 'pdfmake/interfaces';
import { BlobStore } from '@app/archive';
import { AuditService } from '@app/audit';
import { ROLES } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { AppError, Clock, calendarDateProblem, csvText, shanghaiDate, shanghaiDateTime } from '@app/common';
import { buildDocumentDefinition, renderBareDocDefinition } from '@app/documents';
import type { LoadedTemplate } from '@app/documents';
import { Database, DocumentEntity } from '@app/persistence';
import { OrganSealSigners } from '@app/signing';
import { CaseService, caseRepository as cases, delegationOn, programName } from '@app/cases';
import type { DelegationTerms } from '@app/cases';
import { BLOB_STORE, DocumentPipeline, SEAL_SIGNERS, TemplateStore, verifyUrl } from '@app/issuance';
import { ServiceRecordService } from '@app/delivery';
import { ZipEntry, safeName, zipWithManifest } from '@app/case-file';
import { ANSWER_TEMPLATE_ID, AnswerStep, answerData, cnDate } from './answer';
import { BundlePart, auditSummary, bundleDefinition, embedded, plainTable, section } from './bundle';
import { actionLabel, actorCell, issuedOnApplicantsAct, stepsFromTrail, trailDetail } from './record-steps';

export const DEFENCE_PDF = '00-行政复议答复材料.pdf';

export interface ReviewDefenceRequest {
  /** YYYY-MM-DD: the day the organ received the copy of the 行政复议申请书. */
  applicationReceivedOn: string;
}

export interface ReviewDefence {
  fileName: string;
  zip: Buffer;
  pdf: Buffer;
}

type ServiceRecord = Awaited<ReturnType<ServiceRecordService['forCase']>>[number];

/** The first part's and later parts' numbering, as a 目录 prints them. */
const PART_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八'];

/** Margins of the issued documents (GB/T 9704), so an embedded decision keeps its line length. */
const FALLBACK_MARGINS: [number, number, number, number] = [79.4, 104.9, 73.7, 99.2];

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/**
 * The 行政复议答复 package of a decided case: the 答复书 draft, the decision, the frozen data and
 * the 计算明细, every document with its 送达 record, the audit trail and the versions in force —
 * one PDF with a 目录, signed by the deciding organ, and a ZIP with the originals beside it.
 */
@Injectable()
export class ReviewDefenceService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(CaseService) private readonly caseService: CaseService,
    @Inject(ServiceRecordService) private readonly serviceRecords: ServiceRecordService,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(DocumentPipeline) private readonly pipeline: DocumentPipeline,
    @Inject(SEAL_SIGNERS) private readonly seals: OrganSealSigners,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * `beforeBuild` runs once the user may read the case and before any original is read: a reader who
   * does not work cases opens the originals only with a recorded reason (a break-glass record).
   */
  async build(
    user: AuthUser,
    caseId: string,
    input: ReviewDefenceRequest,
    beforeBuild: () => Promise<void> = async () => undefined,
  ): Promise<ReviewDefence> {
    const problem = calendarDateProblem(input.applicationReceivedOn);
    if (problem) {
      throw AppError.validation(`收到行政复议申请书副本的日期${problem}`, [
        { field: 'applicationReceivedOn', message: problem },
      ]);
    }
    // The staff view applies the case-read rule and masks the record for roles that see it masked.
    const detail = await this.caseService.detail(user, caseId, {
      build: async (em, kase) => {
        const documents = await cases.documents(em, kase.id);
        const templates = new Map<string, LoadedTemplate>();
        for (const d of documents) {
          if (!templates.has(d.templateHash))
            templates.set(d.templateHash, await this.templates.byHash(em, d.templateHash));
        }
        const trail = await this.audit.forCase(em, kase.id);
        // Entries written before a delegate's step carried the delegation's terms: read them from the record.
        const delegations = new Map<string, DelegationTerms>();
        for (const e of trail) {
          const principal = (e.detail as { onBehalfOf?: { id?: string; delegation?: unknown } } | null)
            ?.onBehalfOf;
          if (e.action !== 'task.complete' || !principal?.id || principal.delegation || !e.actorId) continue;
          const terms = await delegationOn(em, e.actorId, principal.id, shanghaiDate(e.at));
          if (terms) delegations.set(e.id, terms);
        }
        return {
          delegations,
          rawDocuments: documents,
          templates,
          served: await this.serviceRecords.forCase(em, kase.id),
          // The 计算明细 is evidence of the act: the full assessment, whatever the staff view hides.
          latestAssessment: await cases.latestAssessment(em, kase.id),
          // The wording legal officers released for answers written today.
          answerTemplate: await this.templates.get(em, ANSWER_TEMPLATE_ID, this.clock.now()),
          // The package goes to the 复议机关: the officials' own record unmasked, the household's data
          // withheld from the table here (it is in the 计算明细) whatever the maker's own view masks.
          trail,
          regionNames: await organNamesOf(em, trail, shanghaiDate(this.clock.now())),
        };
      },
    });
    const kase = detail.case;
    const { rawDocuments: documents, templates, served, latestAssessment, answerTemplate, trail } = detail;
    const decisions = documents.filter(
      (d) => templates.get(d.templateHash)!.manifest.documentType === 'decision',
    );
    const decision = decisions.at(-1);
    if (!decision) {
      throw new AppError(409, 'NO_DECISION', '本案尚未作出决定，不能制作行政复议答复材料');
    }
    const today = shanghaiDate(this.clock.now());
    if (
      input.applicationReceivedOn < shanghaiDate(decision.issuedAt) ||
      input.applicationReceivedOn > today
    ) {
      throw AppError.validation('收到行政复议申请书副本的日期应在决定作出之后、今天或之前', [
        { field: 'applicationReceivedOn', message: `应在${shanghaiDate(decision.issuedAt)}至${today}之间` },
      ]);
    }
    await beforeBuild();
    const issuer = (decision.data.issuer ?? {}) as Record<string, unknown>;
    const organ = {
      name: text(issuer.name) ?? decision.agencyRegionCode,
      reviewGovernment: text(issuer.reviewGovernment) ?? '行政复议机关',
      address: text(issuer.address),
      phone: text(issuer.phone),
    };
    const form = (decision.data.form ?? {}) as Record<string, unknown>;
    const servedOf = (d: DocumentEntity) => served.filter((s) => s.document.id === d.id);
    const decisionServed = servedOf(decision)[0];
    const label = (d: DocumentEntity) => `《${d.title}》${d.number ? `（${d.number}）` : ''}`;
    const delegationOf = (e: { id: string }) => detail.delegations.get(e.id);

    const { steps: recorded, economics } = stepsFromTrail(trail, {
      documents: new Map(documents.map((d) => [d.id, label(d)])),
      served: new Map(
        served.map((s) => [
          s.id,
          {
            method: s.methodName,
            recipient: s.recipient,
            servedOn: s.servedOn,
            document: `《${s.document.title}》`,
          },
        ]),
      ),
      regionNames: detail.regionNames,
      roleName,
      dateOf: shanghaiDate,
      delegationOf,
    });
    const steps: AnswerStep[] = [
      { date: kase.applicationDate, text: `申请人${kase.applicantName}提出${programName(kase.program)}申请` },
      ...recorded,
    ];
    // Who investigated: the officials who entered the household's economics, where they work.
    const investigators = [...new Set(economics.map((e) => e.who))];
    const answer = answerData({
      organ,
      applicantName: kase.applicantName,
      caseNo: kase.caseNo,
      programName: programName(kase.program),
      decision: {
        title: decision.title,
        number: decision.number,
        issuedOn: shanghaiDate(decision.issuedAt),
        facts: text(form.facts) ?? text(form.findings),
        reasons: text(form.reasons),
        legalBasis: text(form.legalBasis),
      },
      servedOn: decisionServed?.deemedServedOn ?? null,
      applicationReceivedOn: input.applicationReceivedOn,
      steps,
      investigatedBy: investigators.length ? investigators.join('、') : null,
      economics,
      evidence: [
        ...documents.map(label),
        ...economics.map(
          (e) => `家庭经济状况录入记录：${e.who}于${cnDate(e.date)}${e.summary}（见操作记录、数据快照）`,
        ),
        ...(latestAssessment ? ['家庭经济状况测算的全部计算明细（见数据快照与计算明细）'] : []),
      ],
      answeredOn: today,
    });

    const definitionOf = (d: DocumentEntity) =>
      buildDocumentDefinition({
        template: templates.get(d.templateHash)!,
        data: d.data,
        number: d.number ?? undefined,
        issuedAt: d.issuedAt,
        verifyCode: d.verifyCode,
        verifyUrl: verifyUrl(d.verifyCode),
      });
    const decisionDefinition = definitionOf(decision);
    const margins = (decisionDefinition.pageMargins as [number, number, number, number]) ?? FALLBACK_MARGINS;

    const now = this.clock.now();
    const unnumbered: BundlePart[] = [
      {
        title: '行政复议答复书',
        content: [
          embedded(
            buildDocumentDefinition({
              template: answerTemplate,
              data: answer,
              issuedAt: now,
              verifyCode: kase.caseNo,
              verifyUrl: kase.caseNo,
            }),
          ),
        ],
      },
      {
        title: `被申请复议的行政行为：${decision.title}`,
        content: [
          {
            text: `文号：${decision.number ?? '（无）'}　校验码：${decision.verifyCode}`,
            fontSize: 9,
            margin: [0, 0, 0, 8],
          },
          embedded(decisionDefinition),
        ],
      },
      { title: '数据快照与计算明细', content: snapshotContent(decision, latestAssessment) },
      {
        title: '文书及送达记录',
        content: documents.map((d, i) =>
          section(
            `（${i + 1}）${d.title}${d.number ? ` ${d.number}` : ''}`,
            [
              { text: `送达记录`, bold: true, fontSize: 10, margin: [0, 0, 0, 4] },
              serviceRecords(servedOf(d), templates.get(d.templateHash)!.manifest.delivery),
              {
                text: `文书（${shanghaiDate(d.issuedAt)}制作，校验码 ${d.verifyCode}）`,
                bold: true,
                fontSize: 10,
                margin: [0, 0, 0, 4],
              },
              embedded(definitionOf(d)),
            ],
            i > 0,
          ),
        ),
      },
      {
        title: '操作记录',
        content: [
          {
            text: '本案的执法记录（哈希链存证），按记录先后；查阅记录不列入。工作人员填写的意见、金额和依据照录；申请人家庭的经济状况见计算明细，住址、电话和身份证号码已遮蔽；内部标识见操作记录.csv。',
            fontSize: 9,
            margin: [0, 0, 0, 6],
          },
          plainTable(
            ['时间', '操作人', '角色', '操作', '内容'],
            trail.map((e) => [
              shanghaiDateTime(e.at).slice(0, 16).replace('T', ' '),
              actorCell(e),
              issuedOnApplicantsAct(e) ? '' : roleName(e.actorRole),
              actionLabel(e),
              auditSummary(trailDetail(e, delegationOf)),
            ]),
            [62, 48, 56, 70, '*'],
          ),
        ],
      },
      {
        title: '流程模型与文书模板版本',
        content: [
          plainTable(
            ['项目', '标识', '版本', '说明'],
            [
              [
                '流程模型',
                detail.instance.key,
                String(detail.instance.definitionVersion),
                `${detail.processName}（${detail.instance.definitionId}）`,
              ],
            ],
            [60, 110, 34, '*'],
          ),
          plainTable(
            ['文书', '模板', '版本', '模板内容哈希'],
            [
              ...documents.map((d) => [d.title, d.templateId, String(d.templateVersion), d.templateHash]),
              [
                `${answerTemplate.manifest.title}（本答复材料）`,
                answerTemplate.manifest.id,
                String(answerTemplate.manifest.version),
                answerTemplate.contentHash,
              ],
            ],
            [110, 110, 34, '*'],
          ),
        ],
      },
    ];
    const parts = unnumbered.map((p, i) => ({ ...p, title: `${PART_NUMBERS[i]}、${p.title}` }));

    const unsigned = await renderBareDocDefinition(
      bundleDefinition(
        {
          caseNo: kase.caseNo,
          organName: organ.name,
          applicantName: kase.applicantName,
          generatedOn: cnDate(today),
          generatedBy: user.displayName,
        },
        parts,
        now,
        margins,
      ),
    );
    // The organ whose act is challenged answers for it, so its own certificate signs the package.
    const signer = await this.seals.signerFor(organ.name);
    const pdf = await signer.sign(unsigned, {
      reason: `行政复议答复材料 ${kase.caseNo}`,
      location: decision.agencyRegionCode,
      signingTime: now,
    });
    const pdfSha256 = await this.blobs.put(pdf);

    const entries: ZipEntry[] = [{ name: DEFENCE_PDF, bytes: pdf }];
    const pad = (n: number) => String(n).padStart(2, '0');
    for (const [i, d] of documents.entries()) {
      entries.push({
        name: `${pad(i + 1)}-${safeName(d.title)}${d.number ? `-${safeName(d.number)}` : ''}.pdf`,
        bytes: await this.pipeline.pdf(d),
      });
    }
    const json = (v: unknown) => Buffer.from(JSON.stringify(v, null, 2) + '\n', 'utf8');
    entries.push(
      {
        name: '数据快照.json',
        bytes: json({
          documents: documents.map((d) => ({
            id: d.id,
            title: d.title,
            number: d.number,
            issuedAt: d.issuedAt,
            data: d.data,
          })),
          assessment: latestAssessment,
        }),
      },
      {
        name: '送达记录.csv',
        bytes: Buffer.from(
          csvText([
            [
              '文书',
              '文号',
              '送达方式',
              '送达日期',
              '视为送达日期',
              '受送达人',
              '送达地址',
              '送达人',
              '见证人',
            ],
            ...served.map((s) => [
              s.document.title,
              s.document.number ?? '',
              s.methodName,
              s.servedOn,
              s.deemedServedOn,
              s.recipient,
              s.address ?? '',
              s.servers.join('、'),
              s.witnesses.join('、'),
            ]),
          ]),
          'utf8',
        ),
      },
      {
        name: '操作记录.csv',
        bytes: Buffer.from(
          csvText([
            ['时间', '操作人', '角色', '地区', '操作', '内容'],
            ...detail.timeline.map((e) => [
              shanghaiDateTime(e.at),
              e.actorName ?? '',
              e.actorRole ?? '',
              e.actorRegion ?? '',
              e.action,
              JSON.stringify(e.detail ?? {}),
            ]),
          ]),
          'utf8',
        ),
      },
      {
        name: '版本.json',
        bytes: json({
          model: {
            key: detail.instance.key,
            version: detail.instance.definitionVersion,
            definitionId: detail.instance.definitionId,
            name: detail.processName,
          },
          templates: documents.map((d) => ({
            document: d.title,
            templateId: d.templateId,
            templateVersion: d.templateVersion,
            templateHash: d.templateHash,
          })),
          answerTemplate: {
            templateId: answerTemplate.manifest.id,
            templateVersion: answerTemplate.manifest.version,
            templateHash: answerTemplate.contentHash,
          },
        }),
      },
    );
    const { zip, manifestSha256 } = await zipWithManifest(
      entries,
      {
        caseNo: kase.caseNo,
        caseId: kase.id,
        applicantName: kase.applicantName,
        purpose: '行政复议答复',
        applicationReceivedOn: input.applicationReceivedOn,
        generatedAt: now.toISOString(),
        generatedBy: { id: user.id, name: user.displayName },
      },
      now,
    );
    await this.db.transaction((em) =>
      this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'case.review_defence',
        caseId: kase.id,
        detail: {
          applicationReceivedOn: input.applicationReceivedOn,
          decision: decision.id,
          documents: documents.length,
          pdfSha256,
          manifestSha256,
          zipSha256: BlobStore.sha256(zip),
        },
      }),
    );
    return { fileName: `行政复议答复材料-${kase.caseNo}-${kase.applicantName}.zip`, zip, pdf };
  }
}

const roleName = (role: string | null) => (role ? (ROLES[role as keyof typeof ROLES] ?? role) : '');

/** Region names of whoever acted on the case, for 谁在哪里办理. */
/**
 * The organ each official acted for, by their region: 平安县城关镇人民政府, not the place 平安县城关镇
 * (an official works for an organ; a town is not an actor). A region without an organ on record
 * keeps its place name.
 */
async function organNamesOf(
  em: Parameters<typeof cases.regionPath>[0],
  trail: { actorRegion: string | null; at: Date }[],
  today: string,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const code of new Set(trail.map((e) => e.actorRegion).filter((c): c is string => !!c))) {
    const organ = await cases.organ(em, code, today);
    names.set(code, organ?.name ?? (await cases.regionPath(em, code)));
  }
  return names;
}

/**
 * A served document's records, or plainly that none was found: the package never implies a 送达
 * the record does not show. Documents not served (internal, posted) say so.
 */
function serviceRecords(records: ServiceRecord[], delivery: string | undefined): Content {
  if (records.length) return serviceTable(records);
  return {
    text: delivery === 'served' ? '未见送达记录。' : '本文书不需送达（内部文书或张贴公示）。',
    fontSize: 10,
    bold: delivery === 'served',
    margin: [0, 0, 0, 8],
  };
}

function serviceTable(records: ServiceRecord[]): Content {
  return plainTable(
    ['送达方式', '送达日期', '视为送达', '受送达人', '送达人／见证人', '救济期限'],
    records.map((s) => [
      s.methodName,
      s.servedOn,
      s.deemedServedOn,
      s.recipient,
      [...s.servers, ...s.witnesses].join('、'),
      s.remedy ? JSON.stringify(s.remedy).replace(/[{}"]/g, '') : '',
    ]),
    [56, 56, 56, 60, '*', 90],
  );
}

function snapshotContent(decision: DocumentEntity, assessment: unknown): Content[] {
  // The 计算明细 the decision printed is its own table below, line by line, not JSON here.
  const { assessment: _printedLines, ...frozen } = decision.data as Record<string, unknown>;
  const out: Content[] = [
    section('（一）决定书的冻结数据快照', [
      {
        text: `以下为${decision.title}制作时冻结的数据（文书据此生成，之后不再改变；计算明细见下表）。`,
        fontSize: 9,
        margin: [0, 0, 0, 4],
      },
      {
        text: JSON.stringify(frozen, null, 2),
        fontSize: 7.5,
        lineHeight: 1.1,
        preserveLeadingSpaces: true,
      },
    ]),
  ];
  const printed = (
    decision.data as { assessment?: { lines?: { label: string; amount: string; result: string }[] } }
  ).assessment;
  if (printed?.lines?.length) {
    out.push(
      section('（二）决定时冻结的计算明细', [
        plainTable(
          ['项目', '金额（元）', '结果'],
          printed.lines.map((l) => [l.label, l.amount, l.result]),
          ['*', 70, 50],
        ),
      ]),
    );
  }
  const result = (
    assessment as {
      result?: { lines?: { label: string; amountFen?: number; outcome?: string; basis?: string }[] };
    } | null
  )?.result;
  out.push(
    section(
      `（${printed?.lines?.length ? '三' : '二'}）家庭经济状况测算的全部计算明细`,
      result?.lines?.length
        ? [
            plainTable(
              ['项目', '金额（元）', '结果', '依据'],
              result.lines.map((l) => [
                l.label,
                l.amountFen !== undefined ? (l.amountFen / 100).toFixed(2) : '',
                ({ pass: '符合', fail: '不符合' } as Record<string, string>)[l.outcome ?? ''] ?? '',
                l.basis ?? '',
              ]),
              ['*', 60, 40, 120],
            ),
          ]
        : [{ text: '本案无家庭经济状况测算记录。', fontSize: 10 }],
      true,
    ),
  );
  return out;
}
