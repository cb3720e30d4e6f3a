import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { AuditService } from '@app/audit';
import { regionLevel } from '@app/assistance';
import {
  AuthUser,
  DutyRules,
  PriorAct,
  RecusalHit,
  ROLES,
  Role,
  dutyRulesProblems,
  floorProblems,
  recusalConflict,
  relaxations,
  requireAccess,
  withFloor,
  separationConflict,
  toAuthUser,
} from '@app/auth';
import { CaseEntity, Database, TaskEntity, UserEntity } from '@app/persistence';
import { isIsoDate, nextRegionVersion } from '../region-versions';
import { assertMayReadCase } from '../case-access';
import { nearRelativeRepository as nearRelatives } from '../near-relative.repository';
import { DutyRuleSet, DutyRulesProposal, dutyRulesRepository as dutyRules } from './duty-rules.repository';

/**
 * Who may act on a case, checked at run time on every step and every change: the task's role and
 * the user's region, recusal for registered near relatives, and separation of duties. The rules
 * come from `duty_rules`, the version in force for the case's region (the nearest enclosing
 * region that has one; '' is the national default).
 */
@Injectable()
export class DutyService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async rulesFor(em: EntityManager, regionCode: string, date = this.clock.today()): Promise<DutyRuleSet> {
    const row = await dutyRules.inForce(em, regionCode, date);
    if (!row) throw AppError.notFound(`行政区划 ${regionCode} 在 ${date} 没有生效的职责分离规则`);
    // The floor holds even over a row published before it existed.
    return { ...row, rules: withFloor(row.rules) };
  }

  /** Staff of the case's region, not recused: may change the case (economics, attachments, time limits). */
  async assertMayAct(em: EntityManager, user: AuthUser, kase: CaseEntity): Promise<void> {
    assertInRegion(user, kase);
    const { rules } = await this.rulesFor(em, kase.regionCode);
    const conflict = recusalConflict(
      rules,
      relativesAmong(await this.relativesOf(em, user), householdIdNumbers(kase)),
    );
    if (conflict) throw new AppError(403, 'RECUSAL_REQUIRED', conflict);
  }

  /**
   * The access decision on a task, before anything about it is told (who holds it, a draft): the
   * user holds one of its roles and the case is in their region. 403 without details.
   */
  assertRoleAndRegion(
    user: AuthUser,
    kase: CaseEntity,
    task: Pick<TaskEntity, 'name' | 'candidateGroups'>,
  ): void {
    if (!dutiesFor(user, task.candidateGroups).length) {
      const names = task.candidateGroups.map((g) => ROLES[g as Role] ?? g).join('、');
      throw AppError.forbidden(`“${task.name}”须由${names}办理`);
    }
    assertInRegion(user, kase);
  }

  /** May this user perform this open task of this case: role, region, recusal, separation of duties. */
  async assertMayPerform(
    em: EntityManager,
    user: AuthUser,
    kase: CaseEntity,
    task: TaskEntity,
  ): Promise<void> {
    this.assertRoleAndRegion(user, kase, task);
    const [blocked] = await this.blockers(em, user, [
      { ...task, regionCode: kase.regionCode, householdIds: householdIdNumbers(kase) },
    ]);
    if (blocked.recusal) throw new AppError(403, 'RECUSAL_REQUIRED', blocked.recusal);
    if (blocked.separation) throw new AppError(403, 'DUTY_SEPARATION', blocked.separation);
  }

  /**
   * The staff a step's form names (fields with a model-declared `staffDuty`, e.g. 入户调查's
   * investigators), resolved to accounts: an account id, or a display name that is exactly one
   * account holding the duty whose jurisdiction covers the case. The record keeps their names; the
   * ids are returned to be stored with the step. Each named person is held to separation of duties
   * and recusal as if they had submitted the step, so the rule cannot be met on paper.
   */
  async resolveNamedStaff(
    em: EntityManager,
    kase: CaseEntity,
    task: TaskEntity,
    data: Record<string, unknown>,
  ): Promise<{ data: Record<string, unknown>; staffIds: string[] }> {
    const fields = ((task.form ?? []) as { id: string; label?: string; staffDuty?: string }[]).filter(
      (f) => f.staffDuty && Array.isArray(data?.[f.id]),
    );
    if (!fields.length) return { data, staffIds: [] };
    const out = { ...data };
    const named = new Map<string, { user: AuthUser; duties: string[]; field: string }>();
    const problems: { field: string; message: string }[] = [];
    for (const f of fields) {
      const duties = f
        .staffDuty!.split(',')
        .map((d) => d.trim())
        .filter(Boolean);
      const candidates = await dutyRules.namedCandidates(em, duties, kase.regionCode);
      const label = f.label ?? f.id;
      const dutyNames = duties.map((d) => ROLES[d as Role] ?? d).join('或');
      // Two entries naming one person would meet “at least two” on paper only.
      const inField = new Set<string>();
      out[f.id] = (data[f.id] as unknown[]).map((entry, i) => {
        const value = typeof entry === 'string' ? entry.trim() : '';
        const byId = candidates.filter((c) => c.id === value);
        const found = byId.length ? byId : candidates.filter((c) => c.displayName === value);
        const field = `data.${f.id}[${i}]`;
        if (found.length !== 1) {
          problems.push({
            field,
            message: found.length
              ? `${label}“${value}”有重名的工作人员，请从人员列表中选择`
              : `${label}“${value}”不是本案所在地区具有${dutyNames}职责的工作人员，请从人员列表中选择`,
          });
          return entry;
        }
        const c = found[0];
        if (inField.has(c.id)) {
          problems.push({
            field,
            message: `${label}中“${c.displayName}”重复填写，须为不同的工作人员`,
          });
          return entry;
        }
        inField.add(c.id);
        const user = toAuthUser({ ...c, username: '', pendingBy: null } as unknown as UserEntity);
        named.set(c.id, { user, duties: duties.filter((d) => user.duties.includes(d as Role)), field });
        return c.displayName;
      });
    }
    if (problems.length) throw AppError.validation(problems[0].message, problems);
    const people = [...named.values()];
    for (const [i, b] of (
      await Promise.all(
        people.map(
          async (p) =>
            (
              await this.blockers(
                em,
                p.user,
                [
                  {
                    instanceId: task.instanceId,
                    candidateGroups: p.duties,
                    regionCode: kase.regionCode,
                    householdIds: householdIdNumbers(kase),
                  },
                ],
                p.user.displayName,
              )
            )[0],
        ),
      )
    ).entries()) {
      const why = b.recusal ?? b.separation;
      if (why) {
        throw new AppError(403, b.recusal ? 'RECUSAL_REQUIRED' : 'DUTY_SEPARATION', why, [
          { field: people[i].field, message: why },
        ]);
      }
    }
    return { data: out, staffIds: [...named.keys()] };
  }

  /** Stores who a completed step's form named (see `resolveNamedStaff`). */
  recordNamedStaff(em: EntityManager, taskId: string, staffIds: string[]): Promise<void> {
    return dutyRules.recordNamedStaff(em, taskId, staffIds);
  }

  /**
   * For each open task (of the user's duties, in their region): why the rules would stop this user
   * from doing it, so the inbox can say so before anyone fills in a form. A fixed three statements
   * however many tasks and regions: the user's earlier steps, their registered relatives, and every
   * rule set enclosing any of the tasks' regions (the one in force per region chosen in memory).
   */
  async blockers(
    em: EntityManager,
    user: AuthUser,
    tasks: { instanceId: string; candidateGroups: string[]; regionCode: string; householdIds: string[] }[],
    /** Named in someone else's form: the messages say who, not “您”. */
    namedAs?: string,
  ): Promise<Blocked[]> {
    if (!tasks.length) return [];
    const instances = [...new Set(tasks.map((t) => t.instanceId))];
    const regions = [...new Set(tasks.map((t) => t.regionCode))];
    const prior = new Map<string, PriorAct[]>();
    for (const act of await dutyRules.priorActs(em, instances, user.id)) {
      const acts = prior.get(act.instanceId) ?? [];
      acts.push(act);
      prior.set(act.instanceId, acts);
    }
    const relatives = await this.relativesOf(em, user);
    const date = this.clock.today();
    const sets = await dutyRules.enclosing(em, regions, date);
    return blockersAmong(
      user,
      tasks.map((t) => ({ ...t, priorActs: prior.get(t.instanceId) ?? [] })),
      relatives,
      sets,
      date,
      namedAs,
    );
  }

  /**
   * `blockers` for an inbox page whose statement brought each task's prior acts, the user's
   * relatives and the rule sets' version along: the rule sets come from memory while that version
   * is the one they were read at, so a page costs no statement of its own for them.
   */
  async inboxBlockers(
    em: EntityManager,
    user: AuthUser,
    tasks: InboxTaskFacts[],
    relatives: (RecusalHit & { idNumber: string })[],
    ruleSetsVersion: number,
  ): Promise<Blocked[]> {
    if (!tasks.length) return [];
    if (this.ruleSets?.length !== ruleSetsVersion) this.ruleSets = await dutyRules.all(em);
    return blockersAmong(user, tasks, relatives, this.ruleSets, this.clock.today());
  }

  /** Every rule set, as last read by `inboxBlockers` (the table is append-only: its length is its version). */
  private ruleSets: DutyRuleSet[] | null = null;

  /** The near relatives this staff member registered (近亲属备案). */
  private relativesOf(em: EntityManager, user: AuthUser): Promise<(RecusalHit & { idNumber: string })[]> {
    return nearRelatives.ofStaff(em, user.id);
  }

  history(regionCode: string): Promise<DutyRuleSet[]> {
    return this.db.read((em) => dutyRules.history(em, regionCode));
  }

  inForce(regionCode: string): Promise<DutyRuleSet> {
    return this.db.read((em) => this.rulesFor(em, regionCode));
  }

  /**
   * Publishes a region's rules from today onward (never backdated). The national floor cannot be
   * dropped; a change that relaxes the rules in force is refused here and goes through `propose`,
   * to take effect only when a second administrator approves it.
   */
  async publish(user: AuthUser, input: DutyRulesInput): Promise<DutyRuleSet> {
    const rules = this.checked(user, input);
    return this.db.transaction(async (em) => {
      const relaxes = await this.relaxing(em, input.regionCode, input.effectiveFrom, rules);
      if (relaxes.length) {
        throw new AppError(
          409,
          'FOUR_EYES_REQUIRED',
          `此次修改放宽了职责分离规则（${relaxes.join('；')}），须提交另一名管理员批准后方能生效`,
          [{ field: 'rules.separate', message: relaxes.join('；') }],
        );
      }
      return this.insert(em, user.id, null, input, rules);
    });
  }

  /** Records a change for a second administrator's approval (four eyes); nothing takes effect yet. */
  async propose(user: AuthUser, input: DutyRulesInput): Promise<DutyRulesProposal> {
    const rules = this.checked(user, input);
    return this.db.transaction(async (em) => {
      const relaxes = await this.relaxing(em, input.regionCode, input.effectiveFrom, rules);
      const id = randomUUID();
      const now = this.clock.now();
      await dutyRules.insertProposal(em, {
        id,
        regionCode: input.regionCode,
        effectiveFrom: input.effectiveFrom,
        rules,
        relaxes,
        note: input.note ?? null,
        proposedBy: user.id,
        proposedAt: now,
      });
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'duty_rules.propose',
        detail: {
          proposalId: id,
          regionCode: input.regionCode,
          effectiveFrom: input.effectiveFrom,
          relaxes,
          rules,
        },
      });
      return (await dutyRules.proposal(em, id))!;
    });
  }

  proposals(user: AuthUser): Promise<DutyRulesProposal[]> {
    return this.db.read((em) => dutyRules.proposals(em, user.regionCode));
  }

  /**
   * The second administrator's decision. Not the proposer, not an account the proposer created or
   * changed (a sock puppet is not a second pair of eyes), and within whose region the rules fall.
   */
  async decide(
    user: AuthUser,
    proposalId: string,
    approve: boolean,
    reason?: string,
  ): Promise<DutyRulesProposal> {
    return this.db.transaction(async (em) => {
      const proposal = await dutyRules.proposal(em, proposalId, true);
      if (!proposal) throw AppError.notFound('审批申请不存在');
      requireAccess(user, 'duty_rules.publish', { regionCode: proposal.regionCode });
      if (proposal.status !== 'pending') {
        throw new AppError(409, 'ALREADY_DECIDED', '该申请已经处理过', [{ field: 'id', message: '已处理' }]);
      }
      if (proposal.proposedBy === user.id) {
        throw new AppError(403, 'FOUR_EYES_SAME_PERSON', '不能批准自己提交的规则修改，须由另一名管理员批准', [
          { field: 'id', message: '须由另一名管理员批准' },
        ]);
      }
      if (await dutyRules.managedBy(em, user.id, proposal.proposedBy)) {
        throw new AppError(
          403,
          'FOUR_EYES_NOT_INDEPENDENT',
          '您的账号由申请人创建或修改过，不能批准其提交的规则修改',
          [{ field: 'id', message: '须由独立的另一名管理员批准' }],
        );
      }
      const now = this.clock.now();
      let dutyRulesId: string | null = null;
      if (approve) {
        // The rules may have moved since it was proposed: what the approver saw must still be true.
        const relaxes = await this.relaxing(em, proposal.regionCode, proposal.effectiveFrom, proposal.rules);
        if (JSON.stringify([...relaxes].sort()) !== JSON.stringify([...proposal.relaxes].sort())) {
          throw new AppError(
            409,
            'PROPOSAL_STALE',
            `规则已在申请后变化，此次修改现在将${relaxes.length ? `放宽：${relaxes.join('；')}` : '不再放宽规则'}，请重新提交申请`,
            [{ field: 'id', message: '申请已过时' }],
          );
        }
        // Approving late must not backdate: a date already past takes effect from today.
        const today = this.clock.today();
        const effectiveFrom = proposal.effectiveFrom < today ? today : proposal.effectiveFrom;
        const published = await this.insert(
          em,
          proposal.proposedBy,
          user.id,
          { regionCode: proposal.regionCode, effectiveFrom, note: proposal.note ?? undefined },
          proposal.rules,
        );
        dutyRulesId = published.id;
      }
      await dutyRules.decide(em, {
        proposalId,
        approved: approve,
        dutyRulesId,
        decidedBy: user.id,
        decidedAt: now,
        reason: reason ?? null,
      });
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: approve ? 'duty_rules.approve' : 'duty_rules.reject',
        detail: {
          proposalId,
          proposedBy: proposal.proposedBy,
          regionCode: proposal.regionCode,
          dutyRulesId,
          reason,
        },
      });
      return (await dutyRules.proposal(em, proposalId))!;
    });
  }

  /** The submitted rules, checked: the publisher's level and region, the date, the floor. */
  private checked(user: AuthUser, input: DutyRulesInput): DutyRules {
    const problems = dutyRulesProblems(input.rules);
    if (regionLevel(input.regionCode) === null) {
      problems.unshift({
        field: 'regionCode',
        message: '应为6位（县）、9位（乡镇）或12位（村）行政区划代码',
      });
    } else {
      requireAccess(user, 'duty_rules.publish', { regionCode: input.regionCode });
    }
    if (!isIsoDate(input.effectiveFrom)) {
      problems.push({ field: 'effectiveFrom', message: '生效日期应为 YYYY-MM-DD' });
    } else if (input.effectiveFrom < this.clock.today()) {
      problems.push({
        field: 'effectiveFrom',
        message: `生效日期不能早于今天（${this.clock.today()}）：规则不溯及既往`,
      });
    }
    if (!problems.length) problems.push(...floorProblems(input.rules as DutyRules));
    if (problems.length) throw AppError.validation(problems[0].message, problems);
    const rules = input.rules as DutyRules;
    return {
      separate: rules.separate.map(([a, b]) => [a, b]),
      nearRelativeRecusal: rules.nearRelativeRecusal,
    };
  }

  /**
   * What the new rules allow that would otherwise hold for the region from that date on: the set in
   * force on the date, and every set an enclosing region has scheduled after it (a region's own row
   * outranks its parents' forever after, so it would silently undo a later county tightening).
   */
  private async relaxing(
    em: EntityManager,
    regionCode: string,
    date: string,
    rules: DutyRules,
  ): Promise<string[]> {
    const before = await this.rulesFor(em, regionCode, date);
    const later = await dutyRules.scheduledAbove(em, regionCode, date);
    const found = new Set<string>();
    for (const other of [before.rules, ...later.map((r) => withFloor(r.rules))])
      for (const r of relaxations(other, rules)) found.add(r);
    return [...found];
  }

  private async insert(
    em: EntityManager,
    createdBy: string,
    approvedBy: string | null,
    input: { regionCode: string; effectiveFrom: string; note?: string },
    rules: DutyRules,
  ): Promise<DutyRuleSet> {
    const version = await nextRegionVersion(em, 'duty_rules', input.regionCode);
    const before = await this.rulesFor(em, input.regionCode, input.effectiveFrom).catch(() => null);
    const id = randomUUID();
    const now = this.clock.now();
    await dutyRules.insert(em, {
      id,
      regionCode: input.regionCode,
      effectiveFrom: input.effectiveFrom,
      version,
      rules,
      note: input.note ?? null,
      createdBy,
      approvedBy,
      createdAt: now,
    });
    await this.audit.record(em, {
      at: now,
      actorId: approvedBy ?? createdBy,
      action: 'duty_rules.publish',
      detail: {
        regionCode: input.regionCode,
        effectiveFrom: input.effectiveFrom,
        before: before?.rules ?? null,
        after: rules,
        proposedBy: createdBy,
        approvedBy,
      },
    });
    return dutyRules.byId(em, id);
  }
}

export interface DutyRulesInput {
  regionCode: string;
  effectiveFrom: string;
  rules: unknown;
  note?: string;
}

/** Why the duty rules stop a user from doing a task; null where they do not. */
export interface Blocked {
  separation: string | null;
  recusal: string | null;
}

/** What the duty rules are checked against for one open task. */
export interface InboxTaskFacts {
  candidateGroups: string[];
  regionCode: string;
  householdIds: string[];
  /** The user's own earlier steps on the task's case. */
  priorActs: PriorAct[];
}

/** `blockers` on facts already read: the rules in force on `date` for each task's region, from `sets`. */
function blockersAmong(
  user: AuthUser,
  tasks: InboxTaskFacts[],
  relatives: (RecusalHit & { idNumber: string })[],
  sets: DutyRuleSet[],
  date: string,
  namedAs?: string,
): Blocked[] {
  const inForce = sets.filter((s) => s.effectiveFrom <= date);
  const rulesByRegion = new Map<string, DutyRules>();
  for (const region of new Set(tasks.map((t) => t.regionCode))) {
    const row = inForceAmong(inForce, region);
    if (!row) throw AppError.notFound(`行政区划 ${region} 在 ${date} 没有生效的职责分离规则`);
    rulesByRegion.set(region, withFloor(row.rules));
  }
  return tasks.map((task) => {
    const rules = rulesByRegion.get(task.regionCode)!;
    return {
      separation: separationConflict(
        rules,
        user.id,
        dutiesFor(user, task.candidateGroups),
        task.priorActs,
        namedAs,
      ),
      recusal: recusalConflict(rules, relativesAmong(relatives, task.householdIds), namedAs),
    };
  });
}

/** The resident ID numbers of a case's applicant and household members. */
export function householdIdNumbers(kase: {
  applicantIdNumber: string;
  household: { idNumber: string }[] | null;
}): string[] {
  return [kase.applicantIdNumber, ...(kase.household ?? []).map((m) => m.idNumber)];
}

/** `dutyRulesRepository.inForce`'s choice among rows already read: nearest region, latest date, latest version. */
function inForceAmong(sets: DutyRuleSet[], regionCode: string): DutyRuleSet | undefined {
  let best: DutyRuleSet | undefined;
  for (const s of sets) {
    if (!regionCode.startsWith(s.regionCode)) continue;
    const better =
      !best ||
      s.regionCode.length > best.regionCode.length ||
      (s.regionCode.length === best.regionCode.length &&
        (s.effectiveFrom > best.effectiveFrom ||
          (s.effectiveFrom === best.effectiveFrom && s.version > best.version)));
    if (better) best = s;
  }
  return best;
}

/** Which of a task's roles this user holds. */
function dutiesFor(user: AuthUser, candidateGroups: string[]): string[] {
  return candidateGroups.filter((g) => (user.duties as string[]).includes(g));
}

function relativesAmong<R extends { idNumber: string }>(relatives: R[], idNumbers: string[]): R[] {
  return relatives.filter((r) => idNumbers.includes(r.idNumber));
}

function assertInRegion(user: AuthUser, kase: CaseEntity): void {
  assertMayReadCase(user, kase, 'staff', '该案件不在您的管辖范围内');
}
