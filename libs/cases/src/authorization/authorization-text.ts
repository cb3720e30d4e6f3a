import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppError, ErrorDetail, shanghaiDate } from '@app/common';
import { regionLevel, residentIdProblem } from '@app/assistance';
import { Block, parseMarkup } from '@app/documents';
import { CaseEntity } from '@app/persistence';
import { caseRepository as cases } from '../case.repository';
import { buildDocumentData } from '../document-data';
import { TemplateStore } from '@app/issuance';
import { refuseUnsetMarks, withRegionalInstruments } from '../policy/regional-instruments';

export const AUTHORIZATION_TEMPLATE = 'verification-authorization';

/**
 * The 核对授权书 of each program a household applies for: each names its program and cites that
 * program's instrument (特困 its 认定办法, 低收入 the province's 认定办法, 临时救助 its basis and
 * one-off validity), so no applicant signs another program's text. The program's model issues the
 * same template (`sa:template` of Task_IssueAuthorization).
 */
const AUTHORIZATION_BY_PROGRAM: Readonly<Record<string, string>> = {
  dibao: AUTHORIZATION_TEMPLATE,
  tekun: 'tekun-authorization',
  dibian: 'low-income-authorization',
  linshi: 'linshi-authorization',
};

/** Every program's 核对授权书: each prints the members' signatures in its signature column. */
export const AUTHORIZATION_TEMPLATES: readonly string[] = [
  ...new Set(Object.values(AUTHORIZATION_BY_PROGRAM)),
];

/** The 核对授权书 a program's model issues and its applicants sign. */
export function authorizationTemplateFor(program: string): string {
  const templateId = AUTHORIZATION_BY_PROGRAM[program];
  if (!templateId)
    throw AppError.validation(`救助项目“${program}”没有核对授权书`, [
      { field: 'program', message: '应为 dibao、tekun、dibian 或 linshi' },
    ]);
  return templateId;
}

/** What an applicant has entered before signing: enough to print the authorization as it will be issued. */
export interface AuthorizationDraft {
  program: string;
  regionCode: string;
  applicant: { name: string; idNumber: string; address: string; phone?: string };
  members: { name: string; idNumber: string; relation: string }[];
}

export interface AuthorizationText {
  templateId: string;
  templateVersion: number;
  templateHash: string;
  title: string;
  /** The line markup exactly as rendered; its sha256 is what the signer confirms. */
  markup: string;
  textHash: string;
  blocks: Block[];
}

/** Problems that would make the authorization unprintable (invalid IDs, a non-village region). */
export function draftProblems(draft: AuthorizationDraft, today: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (regionLevel(draft.regionCode) !== 'village')
    problems.push({ field: 'regionCode', message: '应为12位村（社区）行政区划代码' });
  const id = residentIdProblem(draft.applicant.idNumber, today);
  if (id) problems.push({ field: 'applicant.idNumber', message: `身份证号码无效：${id}` });
  draft.members.forEach((m, i) => {
    const p = residentIdProblem(m.idNumber, today);
    if (p) problems.push({ field: `members[${i}].idNumber`, message: `身份证号码无效：${p}` });
  });
  return problems;
}

/**
 * Renders the current 核对授权书 for a draft application with the same data shape the issued
 * document gets, so the text the applicant signs is the text the archived PDF prints.
 */
export async function renderAuthorizationText(
  em: EntityManager,
  templates: TemplateStore,
  draft: AuthorizationDraft,
  now: Date,
): Promise<AuthorizationText> {
  const today = shanghaiDate(now);
  const problems = draftProblems(draft, today);
  if (problems.length) throw AppError.validation(problems[0].message, problems);
  // The version in effect now is the one the start of the process issues as the PDF.
  const templateId = authorizationTemplateFor(draft.program);
  const template = await templates.get(em, templateId, now);
  const agencyCode =
    template.manifest.issuer === 'county' ? draft.regionCode.slice(0, 6) : draft.regionCode.slice(0, 9);
  const agency = await cases.organ(em, agencyCode, today);
  const township = await cases.organ(em, draft.regionCode.slice(0, 9), today);
  const village = await cases.region(em, draft.regionCode);
  if (!agency || !township || !village) {
    throw AppError.validation('行政区划不存在或未配置发文机关', [
      { field: 'regionCode', message: `行政区划 ${draft.regionCode} 不存在或未配置发文机关` },
    ]);
  }
  // Not yet a case: only the fields the application itself fixes are real.
  const kase = {
    caseNo: '',
    program: draft.program,
    applicationDate: today,
    applicantName: draft.applicant.name,
    applicantIdNumber: draft.applicant.idNumber,
    applicantAddress: draft.applicant.address,
    applicantPhone: draft.applicant.phone ?? null,
    household: draft.members,
  } as CaseEntity;
  const data = buildDocumentData({
    kase,
    agency,
    township,
    townshipRegion: await cases.region(em, draft.regionCode.slice(0, 9)),
    village,
    variables: {},
    templateId,
    today,
    acceptanceDate: null,
    assessment: null,
    earlierDocuments: [],
  });
  data.document = { title: template.manifest.title };
  await withRegionalInstruments(em, template, data, draft.regionCode, today);
  let markup: string;
  try {
    markup = template.renderMarkup(data);
  } catch (e) {
    throw AppError.validation(`授权书无法生成：${(e as Error).message}`, [
      { field: 'authorization', message: '授权书模板需要的内容在提交前尚无法确定，请到窗口办理' },
    ]);
  }
  // The applicant signs the text the PDF will print: never one citing an instrument not yet set.
  refuseUnsetMarks(template.manifest.title, markup, { regionCode: draft.regionCode, date: today });
  return {
    templateId,
    templateVersion: template.manifest.version,
    templateHash: template.contentHash,
    title: template.manifest.title,
    markup,
    textHash: createHash('sha256').update(markup, 'utf8').digest('hex'),
    blocks: parseMarkup(markup),
  };
}
