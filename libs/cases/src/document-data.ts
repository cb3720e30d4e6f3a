import { AssessmentResult, ExplanationLine, formatYuan } from '@app/assessment';
import { ageOn, benefitStartMonth, maskResidentId } from '@app/assistance';
import { addCalendarDays } from '@app/workflow';
import {
  AgencyEntity,
  AssessmentEntity,
  CaseEntity,
  DocumentData,
  DocumentEntity,
  RegionEntity,
} from '@app/persistence';
import { programName } from './programs';

/** Variables the host sets that are not form input and must not appear as `form.*`. */
const INTERNAL_VARIABLES = new Set(['applicantName', 'regionCode', 'caseId', 'caseNo']);

/**
 * The frozen data snapshot a document is rendered from: the case as it stands at the step, in the
 * shape described in templates/README.md.
 */
export function buildDocumentData(input: {
  kase: CaseEntity;
  agency: AgencyEntity;
  township: RegionEntity | null;
  village: RegionEntity | null;
  variables: Record<string, unknown>;
  templateId: string;
  today: string;
  /** Set when this document itself records the acceptance date. */
  acceptanceDate: string | null;
  /** The latest assessment of the case, printed as the 计算明细 table. */
  assessment: AssessmentEntity | null;
  earlierDocuments: DocumentEntity[];
}): DocumentData {
  const { kase, agency, today } = input;
  const form: NonNullable<DocumentData['form']> = {};
  for (const [key, value] of Object.entries(input.variables)) {
    if (!INTERNAL_VARIABLES.has(key) && value !== null && value !== undefined) form[key] = value;
  }
  // Paid from the month after the decision: the decision is the document being issued now.
  form.startMonth ??= benefitStartMonth(today);
  const served = [...input.earlierDocuments]
    .reverse()
    .find((d) => d.number && d.templateId !== input.templateId);
  return {
    issuer: {
      name: agency.name,
      level: agency.level,
      regionCode: agency.regionCode,
      reviewGovernment: agency.reviewGovernment,
      court: agency.court,
      ...(agency.address ? { address: agency.address } : {}),
    },
    township: { name: input.township?.name ?? '' },
    ...(input.village ? { village: { name: input.village.name } } : {}),
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
      })),
    },
    form,
    ...(served ? { served: { title: served.title, number: served.number } } : {}),
    publicNotice: { startDate: today, endDate: addCalendarDays(today, 7).date },
    ...(input.assessment ? { assessment: assessmentForPrint(input.assessment) } : {}),
  };
}

const OUTCOME_TEXT: Record<string, string> = { pass: '符合', fail: '不符合', info: '' };

/** The assessment as a 计算明细: display strings, so the template needs no arithmetic. */
function assessmentForPrint(row: AssessmentEntity) {
  const result = row.result as AssessmentResult;
  const exact = result.income.perCapitaMonthlyFen;
  return {
    assessmentDate: row.assessmentDate,
    parameterVersion: row.parametersId,
    standard: formatYuan(result.monthlyStandardFen),
    perCapita: exact ? formatYuan(exact) : '—',
    benefit: formatYuan(result.benefit.totalMonthlyFen),
    conclusion: result.minimumLiving.eligible ? '符合' : '不符合',
    hardshipIndex: result.hardshipIndex.score,
    lines: printedLines(result.lines),
  };
}

const CHECK_RULES = /^(veto|property)\./;
const DECISIVE_RULES = /^(program\.|extreme\.result|labour\.)/;

/**
 * What a printed 计算明细 shows: every figure, every failed test, and the decisive results; the
 * passed exclusion and property checks collapse into one line. The API returns all lines.
 */
function printedLines(lines: ExplanationLine[]) {
  const printed: { label: string; amount: string; result: string }[] = [];
  const passedChecks = lines.filter((l) => CHECK_RULES.test(l.rule) && l.outcome === 'pass').length;
  for (const l of lines) {
    const figure = l.amountFen !== undefined;
    if (!figure && l.outcome !== 'fail' && !DECISIVE_RULES.test(l.rule)) continue;
    if (CHECK_RULES.test(l.rule) && l.outcome === 'pass') continue;
    printed.push({
      label: l.label,
      amount: figure ? formatYuan(l.amountFen!) : '',
      result: OUTCOME_TEXT[l.outcome] ?? '',
    });
  }
  if (passedChecks) {
    printed.push({
      label: `一票否决条款及财产状况审查：${passedChecks}项均未触及`,
      amount: '',
      result: '符合',
    });
  }
  return printed;
}
