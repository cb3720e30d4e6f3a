import {
  AssessmentResult,
  compare,
  ExactFen,
  fen,
  formatYuan,
  PARAMETER_VERSION_FALLBACK,
  printedLines,
  PrintedProgram,
} from '@app/assessment';
import { ageOn, benefitStartMonth, maskResidentId } from '@app/assistance';
import { publicNoticePeriod } from './public-notice';
import {
  AssessmentEntity,
  CaseEntity,
  DocumentData,
  DocumentEntity,
  OrganEntity,
  RegionEntity,
} from '@app/persistence';
import { programName } from './programs';
import { formatCnDate } from '@app/documents';

/** Variables the host sets that are not form input and must not appear as `form.*`. */
// (The 公示's wait is the timer's; the period a later document names comes from the 公示 itself.)
const INTERNAL_VARIABLES = new Set([
  'applicantName',
  'regionCode',
  'caseId',
  'caseNo',
  'publicNoticeEndDate',
  'publicNoticeWait',
  // The engine's run message (routingKey, consumerTag, messageId, the bpmn:Process element) rides in
  // the environment's variables: engine state, not the case's data, never in a document's snapshot.
  'fields',
  'content',
  'properties',
]);

/**
 * The frozen data snapshot a document is rendered from: the case as it stands at the step, in the
 * shape described in templates/README.md.
 */
/**
 * What a new document reads of the case's earlier ones (oldest first): which they were, their
 * numbers and titles, and the service date a receipt recorded; not their whole data snapshots.
 */
export type EarlierDocument = Pick<DocumentEntity, 'templateId' | 'number' | 'title'> & {
  data: { form?: { serviceDate?: unknown } };
};

export function buildDocumentData(input: {
  kase: CaseEntity;
  /** The issuing organ in force on the document date. */
  agency: OrganEntity;
  /**
   * The township organ in force on the document date: the one the family applies to and that
   * investigates and serves. Documents name it, never the place (城关镇 is a town, not an actor).
   */
  township: OrganEntity;
  /**
   * The county 民政 organ in force on the document date: township letters to it (核对提请) are
   * addressed to it by name, as a 公文 is, not to a description of its function.
   */
  county?: OrganEntity | null;
  /** The township as a place, for the few sentences that name where, not who. */
  townshipRegion: RegionEntity | null;
  village: RegionEntity | null;
  variables: Record<string, unknown>;
  templateId: string;
  today: string;
  /** Set when this document itself records the acceptance date. */
  acceptanceDate: string | null;
  /** The latest assessment of the case, printed as the 计算明细 table. */
  assessment: AssessmentEntity | null;
  earlierDocuments: readonly EarlierDocument[];
  /** The members' signatures of the 核对授权书, printed in its signature column. */
  signatures?: readonly { idNumber: string; signedOn: string; method: 'online' | 'window' }[];
  /**
   * The document is served on the family (manifest `delivery: served`): it speaks to them ("你家庭")
   * and prints only its own program's test, not the internal findings of other programs.
   */
  served?: boolean;
}): DocumentData {
  const { kase, agency, today } = input;
  const form: NonNullable<DocumentData['form']> = {};
  for (const [key, value] of Object.entries(input.variables)) {
    if (!INTERNAL_VARIABLES.has(key) && value !== null && value !== undefined) form[key] = value;
  }
  // A letter to the family addresses them throughout: the facts a clerk wrote of "申请人家庭" (as the
  // internal forms put it) read "你家庭" in it, not one person in one sentence and another in the next.
  if (input.served && typeof form.facts === 'string')
    form.facts = form.facts.replace(/申请人家庭/g, '你家庭');
  // Paid from the month after the decision: the decision is the document being issued now.
  form.startMonth ??= benefitStartMonth(today);
  Object.assign(form, priorNoticeFacts(input.earlierDocuments, form));
  const served = [...input.earlierDocuments]
    .reverse()
    .find((d) => d.number && d.templateId !== input.templateId);
  return {
    issuer: issuerData(agency),
    township: {
      ...organParticulars(input.township),
      ...(input.townshipRegion ? { placeName: input.townshipRegion.name } : {}),
    },
    ...(input.county ? { county: organParticulars(input.county) } : {}),
    ...subjectOf(kase, input.variables.subjectName),
    // The village is a place; its committee is the organ a document sends copies to.
    ...(input.village
      ? {
          village: {
            name: input.village.name,
            ...(input.village.committeeName ? { committeeName: input.village.committeeName } : {}),
          },
        }
      : {}),
    case: {
      caseNo: kase.caseNo,
      programName: programName(kase.program),
      applicationDate: kase.applicationDate,
      ...(input.acceptanceDate ? { acceptanceDate: input.acceptanceDate } : {}),
    },
    applicant: {
      name: kase.applicantName,
      idNumber: kase.applicantIdNumber,
      idNumberMasked: maskResidentId(kase.applicantIdNumber),
      address: kase.applicantAddress,
      ...(kase.applicantPhone ? { phone: kase.applicantPhone } : {}),
    },
    household: {
      size: kase.household.length,
      members: kase.household.map((m) => ({
        name: m.name,
        relation: m.relation,
        idNumberMasked: maskResidentId(m.idNumber),
        age: ageOn(m.idNumber, today),
        ...signatureOf(m, input.signatures),
      })),
    },
    form,
    ...(served ? { served: { title: served.title, number: served.number } } : {}),
    // 公示 "7天": the day after posting through the seventh day, however the week falls; the
    // model's timer waits for the same period (public-notice.ts).
    publicNotice: publicNoticePeriod(today),
    ...(input.assessment
      ? {
          assessment: assessmentForPrint(
            input.assessment,
            form.facts,
            input.served ? servedProgram(kase.program) : undefined,
          ),
        }
      : {}),
  };
}

/**
 * A decision made after a 事先告知书 (处罚, 责令退回) states that notice's 文号 and the day it was
 * served: the latest earlier notice of the case whose template is a prior notice, and the service
 * date its 送达回证 recorded. What the step's form gave explicitly stays.
 */
function priorNoticeFacts(
  earlier: readonly EarlierDocument[],
  form: Record<string, unknown>,
): { priorNoticeNumber?: string; priorNoticeServedDate?: string } {
  const index = earlier.map((d) => d.templateId.endsWith('-prior-notice') && !!d.number).lastIndexOf(true);
  if (index < 0) return {};
  const notice = earlier[index];
  const receipt = earlier.slice(index + 1).find((d) => d.templateId === 'service-receipt');
  const servedOn = receipt?.data.form?.serviceDate;
  return {
    ...(form.priorNoticeNumber ? {} : { priorNoticeNumber: notice.number! }),
    ...(form.priorNoticeServedDate || typeof servedOn !== 'string'
      ? {}
      : { priorNoticeServedDate: servedOn }),
  };
}

/**
 * The household member a letter to a third party asks about (信函索证): named and identified by
 * that member's own ID number, so the unit can find the person, and nobody else in the household is
 * identified to it. Absent when the name entered is not a member: the letter cannot then be issued.
 */
function subjectOf(
  kase: CaseEntity,
  name: unknown,
): { subject?: { name: string; relation: string; idNumber: string } } {
  const member = typeof name === 'string' ? kase.household.find((m) => m.name === name.trim()) : undefined;
  return member
    ? { subject: { name: member.name, relation: member.relation, idNumber: member.idNumber } }
    : {};
}

/** An organ a document names without being issued by it: its name and where to reach it. */
function organParticulars(organ: OrganEntity) {
  return {
    name: organ.name,
    ...(organ.address ? { address: organ.address } : {}),
    ...(organ.phone ? { phone: organ.phone } : {}),
  };
}

/** What a document prints about the organ that issues it (also the public listing's issuer). */
export function issuerData(organ: OrganEntity) {
  return {
    name: organ.name,
    level: organ.level,
    regionCode: organ.regionCode,
    reviewGovernment: organ.reviewGovernment,
    court: organ.court,
    sealText: organ.sealText,
    ...(organ.address ? { address: organ.address } : {}),
    ...(organ.phone ? { phone: organ.phone } : {}),
  };
}

/** The program whose test a served decision prints; other programs print the full table. */
function servedProgram(program: string): PrintedProgram | undefined {
  return program === 'dibao' || program === 'dibian' ? program : undefined;
}

/** The assessment as a 计算明细: display strings, so the template needs no arithmetic. */
function assessmentForPrint(row: AssessmentEntity, facts: unknown, served: PrintedProgram | undefined) {
  const result = row.result as AssessmentResult;
  const exact = result.income.perCapitaMonthlyFen;
  const perCapita = exact ? formatYuan(exact) : null;
  return {
    // The facts the decision states already give the per-capita income: the notice states it once.
    ...(perCapita && incomeStatedIn(facts, perCapita) ? { incomeInFacts: true } : {}),
    assessmentDate: row.assessmentDate,
    // A clerk cites the version by region, date and note; the UUID means nothing on paper.
    parameterVersion: printedVersion(result.parameterVersion.label),
    standard: formatYuan(result.monthlyStandardFen),
    perCapita: exact ? formatYuan(exact) : '—',
    ...(exact !== undefined && exact !== null
      ? { comparison: incomeAgainstStandard(exact, result.monthlyStandardFen) }
      : {}),
    benefit: formatYuan(result.benefit.totalMonthlyFen),
    conclusion: result.minimumLiving.eligible ? '符合' : '不符合',
    hardshipIndex: result.hardshipIndex.score,
    lines: printedLines(result.lines, served ? { served } : {}).map((l) => ({
      ...l,
      label: l.label.replace(INTERNAL_BASIS, ''),
    })),
  };
}

/**
 * Whether `facts` already states the per-capita income against the standard: with the figure
 * (484.33元, or 650元 for 650.00) or as the comparison ("月人均收入低于当地农村低保标准650元"). The
 * 计算明细 below gives the figures; the findings state the income test once.
 */
function incomeStatedIn(facts: unknown, perCapita: string): boolean {
  if (typeof facts !== 'string' || !/月人均收入/.test(facts)) return false;
  const whole = perCapita.replace(/\.00$/, '');
  const figure = new RegExp(`月人均收入(?:为|约)?(?:${perCapita.replace('.', '\\.')}|${whole})元`);
  return figure.test(facts) || /月人均收入[^。；，]*(低于|高于|等于|不足|超过)/.test(facts);
}

/**
 * The income test in words an applicant cannot misread ("月人均收入1120.00元，高于保障标准每人每月
 * 650.00元"), instead of a test's label beside its verdict.
 */
function incomeAgainstStandard(perCapitaFen: ExactFen, standardFen: number): string {
  const relation = { 1: '高于', [-1]: '低于', 0: '等于' }[compare(perCapitaFen, fen(standardFen))];
  return `月人均收入${formatYuan(perCapitaFen)}元，${relation}保障标准每人每月${formatYuan(standardFen)}元`;
}

/**
 * Assessments recorded before the standard was cited by its instrument carry an internal label
 * (region code, ISO date, note); a family's document prints none of it.
 */
const INTERNAL_VERSION = /行政区划\d+救助政策参数/;
const INTERNAL_BASIS = /；依据行政区划\d+救助政策参数.*$/;

function printedVersion(label: string | undefined): string {
  return label && !INTERNAL_VERSION.test(label) ? label : PARAMETER_VERSION_FALLBACK;
}

/** What the 核对授权书 prints in a member's signature column: who signed, on which date, and how. */
function signatureOf(
  member: { name: string; idNumber: string },
  signatures: readonly { idNumber: string; signedOn: string; method: 'online' | 'window' }[] | undefined,
): { signature?: string } {
  const signed = signatures?.find((s) => s.idNumber === member.idNumber);
  if (!signed) return {};
  const how = signed.method === 'window' ? '窗口纸质签署' : '网上签署';
  return { signature: `${member.name} ${formatCnDate(signed.signedOn)}（${how}）` };
}
