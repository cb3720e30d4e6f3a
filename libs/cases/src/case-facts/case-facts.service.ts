import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssessmentResult, Household, PolicyParameters } from '@app/assessment';
import { emergencyGrantLimitFen, townshipApprovalLimitFen } from '../linshi/linshi-rules';
import { lowIncomeFlags } from '../policy/low-income-flags';
import { AppError, Clock, ErrorDetail, shanghaiDate, stableStringify } from '@app/common';
import { AuditService } from '@app/audit';
import { AssessmentEntity, CaseEntity, PolicyParametersEntity, TaskEntity } from '@app/persistence';
import { FormField, validateFormData } from '@app/process-models';
import { withoutInstruments } from '@app/documents';
import { TemplateStore } from '@app/issuance';
import { caseRepository as cases } from '../case.repository';
import { AssessmentService } from '../policy/assessment.service';
import { PolicyParametersService } from '../policy/policy-parameters.service';
import {
  AssessmentFacts,
  DateField,
  Overlap,
  PublishedFigures,
  dateProblems,
  earlierDates,
  publicNoticeRunning,
  figureProblems,
  overlaps,
  publicNoticeProblems,
} from './case-facts';
import { CaseRules, NATIONAL_CASE_RULES, caseRulesFrom } from './case-rules';
import { caseFactsRepository as facts } from './case-facts.repository';
import { prefillFor } from './prefill';

export interface AssessmentStatus {
  /** The assessment the case's deciding steps rely on (the newest), null when never assessed. */
  assessmentId: string | null;
  /** 'current' = of the economics as recorded; 'stale' = the economics changed since; 'none'. */
  state: 'current' | 'stale' | 'none';
  createdAt: Date | null;
  eligible: boolean | null;
  benefitFen: number | null;
  /** Earlier assessments of the case, newest first (each superseded by the one before it). */
  history: {
    id: string;
    createdAt: Date;
    eligible: boolean;
    benefitFen: number;
    perCapitaFen: number | null;
  }[];
}

/** A deciding answer, the decision template it issues and that template's default 法律依据. */
export interface DecisionBasisOption {
  field: string;
  value: string;
  templateId: string;
  title: string;
  legalBasis: string;
}

/**
 * The case-level checks a step's facts must pass: figures against the assessment, dates against
 * the case's clock, and the household against other cases. Run inside the step's transaction.
 */
@Injectable()
export class CaseFactsService {
  constructor(
    @Inject(AssessmentService) private readonly assessments: AssessmentService,
    @Inject(PolicyParametersService) private readonly policy: PolicyParametersService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
  ) {}

  /** One read of the policy in force per transaction: the rules, the limits and the currency check share it. */
  private readonly inForceRows = new WeakMap<
    EntityManager,
    Map<string, Promise<PolicyParametersEntity | null>>
  >();

  private inForceRow(em: EntityManager, regionCode: string): Promise<PolicyParametersEntity | null> {
    const key = `${regionCode}@${this.clock.today()}`;
    let rows = this.inForceRows.get(em);
    if (!rows) this.inForceRows.set(em, (rows = new Map()));
    let row = rows.get(key);
    if (!row)
      rows.set(key, (row = this.policy.resolve(em, regionCode, this.clock.today()).catch(() => null)));
    return row;
  }

  async rules(em: EntityManager, regionCode: string): Promise<CaseRules> {
    const row = await this.inForceRow(em, regionCode);
    return row ? caseRulesFrom(row.parameters) : NATIONAL_CASE_RULES;
  }

  private async linshiLimits(em: EntityManager, regionCode: string) {
    const row = await this.inForceRow(em, regionCode);
    const p = (row?.parameters ?? {}) as Pick<PolicyParameters, 'temporaryAssistance'>;
    return {
      townshipApprovalLimitFen: townshipApprovalLimitFen(p),
      emergencyGrantLimitFen: emergencyGrantLimitFen(p),
    };
  }

  async assessmentFacts(em: EntityManager, kase: CaseEntity): Promise<AssessmentFacts | null> {
    return this.factsOf(em, kase, await cases.latestAssessment(em, kase.id));
  }

  private async factsOf(
    em: EntityManager,
    kase: CaseEntity,
    row: AssessmentEntity | null,
  ): Promise<AssessmentFacts | null> {
    return row ? toFacts(row, kase, await this.parametersInForce(em, kase.regionCode)) : null;
  }

  /** The policy version in force today: an assessment under another one no longer states the rule. */
  private async parametersInForce(em: EntityManager, regionCode: string): Promise<string | null> {
    const row = await this.inForceRow(em, regionCode);
    return row?.id ?? null;
  }

  /** `history`: the case's assessments newest first, when the caller has read them already. */
  async status(em: EntityManager, kase: CaseEntity, history?: AssessmentEntity[]): Promise<AssessmentStatus> {
    const rows = history ?? (await facts.history(em, kase.id));
    const [latest, ...earlier] = rows;
    const summary = (r: AssessmentEntity) => {
      const f = toFacts(r, kase);
      return {
        id: r.id,
        createdAt: r.createdAt,
        eligible: f.eligible,
        benefitFen: f.benefitFen,
        perCapitaFen: f.perCapitaFen,
      };
    };
    if (!latest) {
      return {
        assessmentId: null,
        state: 'none',
        createdAt: null,
        eligible: null,
        benefitFen: null,
        history: [],
      };
    }
    const f = toFacts(latest, kase, await this.parametersInForce(em, kase.regionCode));
    return {
      assessmentId: latest.id,
      state: f.current ? 'current' : 'stale',
      createdAt: latest.createdAt,
      eligible: f.eligible,
      benefitFen: f.benefitFen,
      history: earlier.map(summary),
    };
  }

  /**
   * The economics changed: assess them again in the same transaction, and record the new result
   * against the one it replaces, so a step never decides on figures the case no longer has.
   */
  async reassess(
    em: EntityManager,
    kase: CaseEntity,
    household: Household,
    actorId: string,
  ): Promise<AssessmentEntity> {
    const before = await cases.latestAssessment(em, kase.id);
    const row = await this.assessments.evaluateIn(em, actorId, {
      household,
      regionCode: kase.regionCode,
      caseId: kase.id,
    });
    const brief = (r: AssessmentEntity) => {
      const f = toFacts(r, kase);
      return {
        assessmentId: r.id,
        eligible: f.eligible,
        benefitFen: f.benefitFen,
        perCapitaFen: f.perCapitaFen,
      };
    };
    await this.audit.record(em, {
      at: row.createdAt,
      actorId,
      action: 'assessment.reassess',
      caseId: kase.id,
      detail: {
        reason: '家庭经济状况变更后自动重新测算',
        before: before && brief(before),
        after: brief(row),
      },
    });
    return row;
  }

  /** Other cases this case duplicates or clashes with (same person, member, or applicant account). */
  async overlapsOf(
    em: EntityManager,
    draft: {
      caseId: string | null;
      program: string;
      regionCode: string;
      applicantIdNumber: string;
      memberIds: string[];
      accountId: string | null;
    },
  ): Promise<Overlap[]> {
    const ids = [...new Set([draft.applicantIdNumber, ...draft.memberIds])];
    const others = await facts.openOrActiveWith(em, {
      idNumbers: ids,
      accountId: draft.accountId,
      excludeCaseId: draft.caseId,
    });
    if (!others.length) return [];
    return overlaps({ ...draft, memberIds: ids }, others, await this.rules(em, draft.regionCode));
  }

  overlapsOfCase(em: EntityManager, kase: CaseEntity, accountId: string | null): Promise<Overlap[]> {
    return this.overlapsOf(em, {
      caseId: kase.id,
      program: kase.program,
      regionCode: kase.regionCode,
      applicantIdNumber: kase.applicantIdNumber,
      memberIds: kase.household.map((m) => m.idNumber),
      accountId,
    });
  }

  /**
   * Refuses a step whose facts contradict the case: figures against the assessment and the
   * household, dates against the case's clock, a household already covered elsewhere. Malformed
   * answers are left to the form validation that follows.
   */
  async assertStep(
    em: EntityManager,
    kase: CaseEntity,
    task: TaskEntity,
    data: Record<string, unknown>,
    applicantAccountId: string | null,
  ): Promise<void> {
    const fields = (task.form as FormField[]) ?? [];
    const fieldIds = fields.map((f) => f.id);
    // Read once: the 公示 check and the date checks below both need it.
    const earlier = await facts.earlierSteps(em, task.instanceId);
    const running = publicNoticeRunning({ name: task.name, fieldIds }, earlier.notices, this.clock.today());
    if (running)
      throw new AppError(running.status, running.code, running.message, running.details.map(inData));
    const { values, errors } = validateFormData(fields, data);
    if (errors.length) return;
    const dates = dateProblems(fields, values, {
      applicationDate: kase.applicationDate,
      acceptanceDate: kase.acceptanceDate,
      today: this.clock.today(),
      earlier: this.earlierDates(earlier),
    });
    if (dates.length) throw AppError.validation(dates[0].message, dates.map(inData));
    const rules = await this.rules(em, kase.regionCode);
    // 退回 must say why in words the next officer can act on, not a mark that fills the field.
    const returnReason = typeof values.returnReason === 'string' ? values.returnReason : null;
    if (returnReason !== null && meaningfulChars(returnReason) < rules.overlapReasonMinChars) {
      const message = `退回理由应具体说明需补正或核实的内容（不计标点和空格，不少于${rules.overlapReasonMinChars}个字）`;
      throw AppError.validation(message, [{ field: 'data.returnReason', message }]);
    }
    // The latest assessment: read once for the figures and for what the 公示 published.
    const latest = await cases.latestAssessment(em, kase.id);
    const figures = figureProblems({
      ...(await this.linshiLimits(em, kase.regionCode)),
      byTownship: !task.candidateGroups.includes('county_approver'),
      program: kase.program,
      fieldIds,
      values,
      householdSize: kase.household.length,
      hasEconomics: kase.economics !== null,
      assessment: await this.factsOf(em, kase, latest),
      rules,
    });
    if (figures.length) {
      const p = figures[0];
      throw new AppError(p.status, p.code, p.message, p.details.map(inData));
    }
    const [outdated] = publicNoticeProblems(fieldIds, values, publishedFigures(earlier, latest));
    if (outdated)
      throw new AppError(outdated.status, outdated.code, outdated.message, outdated.details.map(inData));
    // 受理 and the deciding step: the household must not already hold this or an excluding benefit.
    const accepting = values.decision === 'accept';
    const granting =
      values.decision === 'confirm' || values.decision === 'recognize' || values.approvalDecision === 'grant';
    if (!accepting && !granting) return;
    // Against a benefit being received, and against another open case of the same person or
    // account, which no reason overrides (the same resident ID twice is one application too many).
    // A member in another open case is shown; whichever is approved second meets the first as received.
    const found = (await this.overlapsOfCase(em, kase, applicantAccountId)).filter(
      (o) => o.state === 'active' || !o.overridable,
    );
    if (!found.length) return;
    const reason = typeof values.overlapReason === 'string' ? values.overlapReason.trim() : '';
    const reasoned = [...reason].length >= rules.overlapReasonMinChars;
    const blocking = found.filter((o) => !o.overridable || !reasoned || !fieldIds.includes('overlapReason'));
    if (blocking.length) {
      throw new AppError(
        409,
        'CASE_OVERLAP',
        `${blocking[0].message}，不能重复${accepting ? '受理' : '确认'}`,
        [
          ...blocking.map((o) => ({ field: `overlaps.${o.caseNo}`, message: o.message })),
          ...(blocking.every((o) => o.overridable)
            ? [
                {
                  field: 'data.overlapReason',
                  message: `如确需继续，请如实填写理由（不少于${rules.overlapReasonMinChars}个字）`,
                },
              ]
            : []),
        ],
      );
    }
  }

  /** The dates the instance's completed steps and its 公示 fixed for the next step. */
  private earlierDates({ steps, notices }: Awaited<ReturnType<typeof facts.earlierSteps>>) {
    return earlierDates(
      steps.map((s) => ({
        name: s.name,
        form: (s.form as DateField[]) ?? [],
        data: s.data,
        completedOn: shanghaiDate(s.completedAt),
      })),
      notices,
    );
  }

  /**
   * Where an open step's form starts: the prefill (assessment, previous proposal, the decision's
   * default basis) and, for a deciding step (one with a 法律依据 field), the decision templates in
   * force that its answers issue, each with its default basis, so the form can start the basis from
   * the template the chosen answer will issue. The templates are read once for both.
   */
  async formStart(
    em: EntityManager,
    kase: CaseEntity,
    task: TaskEntity,
  ): Promise<{ prefill: Record<string, unknown>; decisionBases: DecisionBasisOption[] }> {
    const fields = (task.form as FormField[]) ?? [];
    // The region's own instrument is printed by the template beside what the officer enters.
    const decisions = fields.some((f) => f.id === 'legalBasis')
      ? (await this.templates.decisionTemplates(em, kase.program, this.clock.now())).map((d) => ({
          ...d,
          manifest: { ...d.manifest, legalBasis: withoutInstruments(d.manifest.legalBasis) },
        }))
      : [];
    const proposal = fields.some((f) => f.id === 'opinion')
      ? null
      : await facts.lastProposal(em, task.instanceId);
    const prefill = prefillFor({
      fields: fields.map((f) => ({ id: f.id, type: f.type, options: f.options })),
      householdSize: kase.household.length,
      assessment: await this.assessmentFacts(em, kase),
      proposal,
      decisions,
      program: kase.program,
    });
    const byId = new Map(fields.map((f) => [f.id, f]));
    const decisionBases = decisions.flatMap(({ id, manifest }) => {
      const choice = manifest.decisionBasis?.choice;
      const field = choice && byId.get(choice.field);
      // Only answers this form can give: another step's field or option would never match.
      if (!choice || !field || (field.options?.length && !field.options.some((o) => o.id === choice.value)))
        return [];
      return [
        {
          field: choice.field,
          value: choice.value,
          templateId: id,
          title: manifest.title,
          legalBasis: manifest.legalBasis,
        },
      ];
    });
    return { prefill, decisionBases };
  }
}

function inData(d: ErrorDetail): ErrorDetail {
  return d.field === 'assessment' || d.field.startsWith('data.') ? d : { ...d, field: `data.${d.field}` };
}

function toFacts(
  row: AssessmentEntity,
  kase: CaseEntity,
  parametersInForce: string | null = null,
): AssessmentFacts {
  const r = row.result as unknown as AssessmentResult;
  // Rows stored before these parts of the result existed carry no low-income verdict.
  const flags =
    r.lowIncome && r.veto && r.property && r.income && r.rigidDeductions ? lowIncomeFlags(r) : null;
  return {
    id: row.id,
    current:
      kase.economics !== null &&
      stableStringify(row.household) === stableStringify(kase.economics) &&
      (parametersInForce === null || row.parametersId === parametersInForce),
    parametersOutdated: parametersInForce !== null && row.parametersId !== parametersInForce,
    eligible: Boolean(r.minimumLiving?.eligible),
    benefitFen: r.benefit?.totalMonthlyFen ?? 0,
    perCapitaFen: r.income?.perCapitaMonthlyFen
      ? Math.round(r.income.perCapitaMonthlyFen.num / r.income.perCapitaMonthlyFen.den)
      : null,
    standardFen: r.monthlyStandardFen,
    coveredPersons: r.coveredPersons ?? kase.household.length,
    extremePoverty: r.extremePoverty?.find((m) => m.idNumber === kase.applicantIdNumber)?.eligible ?? null,
    lowIncome: flags?.lowIncomeEligible,
    rigidHardship: flags?.rigidExpenditureHardship,
  };
}

/** Characters of a reason that carry words: punctuation, symbols and whitespace do not count. */
function meaningfulChars(text: string): number {
  return [...text.replace(/[\p{P}\p{S}\p{Z}\s]/gu, '')].length;
}

/**
 * The 初审 figures the case's 公示 published (its latest 初审, a completed step that gave an
 * `opinion`), and whether the economics were re-assessed after it.
 */
function publishedFigures(
  { steps, lastNoticeAt }: Awaited<ReturnType<typeof facts.earlierSteps>>,
  latest: AssessmentEntity | null,
): PublishedFigures | null {
  if (!lastNoticeAt) return null;
  const proposal = [...steps]
    .reverse()
    .find((s) => s.data !== null && Object.hasOwn(s.data, 'opinion'))?.data;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    amountFen: num(proposal?.proposedAmount),
    persons: num(proposal?.coveredPersons),
    economicsChangedSince: latest !== null && latest.createdAt.getTime() > lastNoticeAt.getTime(),
  };
}
