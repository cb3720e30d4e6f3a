import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { AuditService } from '@app/audit';
import { regionLevel, regionWithin } from '@app/assistance';
import {
  AuthUser,
  DutyRules,
  PriorAct,
  RecusalHit,
  ROLES,
  Role,
  dutyRulesProblems,
  recusalConflict,
  separationConflict,
} from '@app/auth';
import { CaseEntity, Database, TaskEntity } from '@app/persistence';
import { isIsoDate, nextRegionVersion } from '../region-versions';
import { assertMayReadCase } from '../case-access';

export interface DutyRuleSet {
  id: string;
  regionCode: string;
  effectiveFrom: string;
  version: number;
  rules: DutyRules;
  note: string | null;
  createdAt: Date;
}

const COLUMNS = `id, region_code AS "regionCode", to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
  version, rules, note, created_at AS "createdAt"`;

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
    const [row] = await em.query(
      `SELECT ${COLUMNS} FROM duty_rules
       WHERE $1 LIKE region_code || '%' AND effective_from <= $2
       ORDER BY length(region_code) DESC, effective_from DESC, version DESC LIMIT 1`,
      [regionCode, date],
    );
    if (!row) throw AppError.notFound(`行政区划 ${regionCode} 在 ${date} 没有生效的职责分离规则`);
    return row as DutyRuleSet;
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

  /** May this user perform this open task of this case: role, region, recusal, separation of duties. */
  async assertMayPerform(
    em: EntityManager,
    user: AuthUser,
    kase: CaseEntity,
    task: TaskEntity,
  ): Promise<void> {
    if (!dutiesFor(user, task.candidateGroups).length) {
      const names = task.candidateGroups.map((g) => ROLES[g as Role] ?? g).join('、');
      throw AppError.forbidden(`“${task.name}”须由${names}办理`);
    }
    assertInRegion(user, kase);
    const [blocked] = await this.blockers(em, user, [
      { ...task, regionCode: kase.regionCode, householdIds: householdIdNumbers(kase) },
    ]);
    if (blocked.recusal) throw new AppError(403, 'RECUSAL_REQUIRED', blocked.recusal);
    if (blocked.separation) throw new AppError(403, 'DUTY_SEPARATION', blocked.separation);
  }

  /**
   * For each open task (of the user's duties, in their region): why the rules would stop this user
   * from doing it, so the inbox can say so before anyone fills in a form. Batched: one query for
   * the user's earlier steps, one for their registered relatives, one per region for the rules.
   */
  async blockers(
    em: EntityManager,
    user: AuthUser,
    tasks: { instanceId: string; candidateGroups: string[]; regionCode: string; householdIds: string[] }[],
  ): Promise<{ separation: string | null; recusal: string | null }[]> {
    if (!tasks.length) return [];
    const instances = [...new Set(tasks.map((t) => t.instanceId))];
    const prior: (PriorAct & { instanceId: string })[] = await em.query(
      `SELECT instance_id AS "instanceId", completed_by AS "actorId", candidate_groups AS duties, name AS "taskName"
       FROM task WHERE instance_id = ANY($1::uuid[]) AND status = 'completed' AND completed_by = $2
       ORDER BY completed_at`,
      [instances, user.id],
    );
    const relatives = await this.relativesOf(em, user);
    const rulesByRegion = new Map<string, DutyRules>();
    const out: { separation: string | null; recusal: string | null }[] = [];
    for (const task of tasks) {
      let rules = rulesByRegion.get(task.regionCode);
      if (!rules) {
        rules = (await this.rulesFor(em, task.regionCode)).rules;
        rulesByRegion.set(task.regionCode, rules);
      }
      const acts = prior.filter((p) => p.instanceId === task.instanceId);
      out.push({
        separation: separationConflict(rules, user.id, dutiesFor(user, task.candidateGroups), acts),
        recusal: recusalConflict(rules, relativesAmong(relatives, task.householdIds)),
      });
    }
    return out;
  }

  /** The near relatives this staff member registered (近亲属备案). */
  private relativesOf(em: EntityManager, user: AuthUser): Promise<(RecusalHit & { idNumber: string })[]> {
    return em.query(
      `SELECT relative_id_number AS "idNumber", relative_name AS "relativeName", relation
       FROM staff_near_relative WHERE staff_user_id = $1`,
      [user.id],
    );
  }

  history(regionCode: string): Promise<DutyRuleSet[]> {
    return this.db.read((em) =>
      em.query(`SELECT ${COLUMNS} FROM duty_rules WHERE region_code = $1 ORDER BY version DESC`, [
        regionCode,
      ]),
    );
  }

  inForce(regionCode: string): Promise<DutyRuleSet> {
    return this.db.read((em) => this.rulesFor(em, regionCode));
  }

  async publish(
    user: AuthUser,
    input: { regionCode: string; effectiveFrom: string; rules: unknown; note?: string },
  ): Promise<DutyRuleSet> {
    const problems = dutyRulesProblems(input.rules);
    if (regionLevel(input.regionCode) === null) {
      problems.unshift({
        field: 'regionCode',
        message: '应为6位（县）、9位（乡镇）或12位（村）行政区划代码',
      });
    } else if (!regionWithin(input.regionCode, user.regionCode)) {
      problems.unshift({ field: 'regionCode', message: '不在您的管辖范围内' });
    }
    if (!isIsoDate(input.effectiveFrom)) {
      problems.push({ field: 'effectiveFrom', message: '生效日期应为 YYYY-MM-DD' });
    }
    if (problems.length) throw AppError.validation(problems[0].message, problems);
    const rules = input.rules as DutyRules;
    return this.db.transaction(async (em) => {
      const version = await nextRegionVersion(em, 'duty_rules', input.regionCode);
      const before = await this.rulesFor(em, input.regionCode, input.effectiveFrom).catch(() => null);
      const id = randomUUID();
      const now = this.clock.now();
      const clean: DutyRules = {
        separate: rules.separate.map(([a, b]) => [a, b]),
        nearRelativeRecusal: rules.nearRelativeRecusal,
      };
      await em.query(
        `INSERT INTO duty_rules (id, region_code, effective_from, version, rules, note, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          input.regionCode,
          input.effectiveFrom,
          version,
          JSON.stringify(clean),
          input.note ?? null,
          user.id,
          now,
        ],
      );
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'duty_rules.publish',
        detail: { regionCode: input.regionCode, effectiveFrom: input.effectiveFrom, before, after: clean },
      });
      const [row] = await em.query(`SELECT ${COLUMNS} FROM duty_rules WHERE id = $1`, [id]);
      return row as DutyRuleSet;
    });
  }
}

/** The resident ID numbers of a case's applicant and household members. */
export function householdIdNumbers(kase: {
  applicantIdNumber: string;
  household: { idNumber: string }[] | null;
}): string[] {
  return [kase.applicantIdNumber, ...(kase.household ?? []).map((m) => m.idNumber)];
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
