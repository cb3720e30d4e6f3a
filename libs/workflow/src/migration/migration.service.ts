import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock, shanghaiDate } from '@app/common';
import { Database, ProcessDefinitionEntity } from '@app/persistence';
import { DefinitionVersion, definitionRepository as definitions } from '../definition.repository';
import { EngineSession } from '../engine-session';
import { instanceRepository as repo } from '../instance.repository';
import { BpmnElement, parseBpmn, readUserTaskInfo } from '@app/process-models';
import { ServiceRegistry } from '../service-registry';
import {
  MigrationProblem,
  ModelIndex,
  WaitingElement,
  checkMapping,
  indexModel,
  planInstance,
} from './plan-migration';
import { migrationRepository as migrations } from './migration.repository';
import { rewriteState } from './rewrite-state';
import { engineModel } from '../engine-model';
import { effectProblems, skippedStepProblems } from './legal-effect';

export interface MigrationInput {
  toVersion: number;
  caseIds: string[];
  /** old element id → new element id; an element the target also has maps to itself unless named. */
  mapping: Record<string, string>;
  /** Why these cases move (required unless dry run); recorded on each migrated case. */
  reason?: string;
  /** The legal basis for applying a version that took effect after the case was applied for. */
  legalBasis?: string;
  dryRun?: boolean;
}

export interface CaseMigrationReport {
  caseId: string;
  caseNo: string | null;
  instanceId: string | null;
  fromVersion: number | null;
  waiting: (WaitingElement & { name: string })[];
  /** old → new id of every element the case waits at. */
  rename: Record<string, string>;
  problems: MigrationProblem[];
  migrated: boolean;
}

export interface MigrationReport {
  key: string;
  toVersion: number;
  toDefinitionId: string;
  dryRun: boolean;
  ok: boolean;
  cases: CaseMigrationReport[];
}

export interface MigrationCandidate {
  caseId: string;
  caseNo: string;
  instanceId: string;
  version: number;
  definitionId: string;
  waiting: (WaitingElement & { name: string })[];
}

export interface MigratedDetail {
  caseId: string;
  caseNo: string;
  instanceId: string;
  key: string;
  fromVersion: number;
  toVersion: number;
  fromDefinitionId: string;
  toDefinitionId: string;
  rename: Record<string, string>;
  reason: string;
  legalBasis: string | null;
}

/**
 * Moves running cases to another version of their process model (版本迁移), on an explicit request
 * by a legal officer: everything is checked first and reported at once; then each case moves in its
 * own transaction (state rewritten onto the target model and resumed once to prove it waits where
 * mapped, instance re-pointed and its version bumped, open tasks and timers re-keyed, recorded).
 * Cases not named stay on their version.
 */
@Injectable()
export class MigrationService {
  private readonly models = new Map<string, Promise<ModelIndex>>();

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ServiceRegistry) private readonly services: ServiceRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The versions of a process and the running cases that are not on the newest one. */
  async candidates(key: string): Promise<{
    versions: DefinitionVersion[];
    cases: MigrationCandidate[];
  }> {
    return this.db.read(async (em) => {
      const versions = await definitions.versions(em, key);
      if (!versions.length) throw AppError.notFound(`流程“${key}”尚未部署`);
      const rows = await migrations.runningBelow(em, key, versions[0].version);
      const cases: MigrationCandidate[] = [];
      for (const row of rows) {
        cases.push({
          caseId: row.id,
          caseNo: row.case_no,
          instanceId: row.process_instance_id,
          version: row.version,
          definitionId: row.definition_id,
          waiting: await this.waiting(em, row.process_instance_id, row.definition_id),
        });
      }
      return { versions, cases };
    });
  }

  async migrate(
    key: string,
    input: MigrationInput,
    context: {
      actorId: string | null;
      onMigrated?: (em: EntityManager, detail: MigratedDetail) => Promise<void>;
    },
  ): Promise<MigrationReport> {
    const reason = input.reason?.trim() ?? '';
    if (!input.dryRun && reason.length < 4)
      throw AppError.validation('请填写迁移原因（至少 4 个字），它将记入每个迁移案件', [
        { field: 'reason', message: '请填写迁移原因（至少 4 个字）' },
      ]);
    const planned = await this.db.read((em) => this.plan(em, key, input));
    if (input.dryRun || !planned.report.ok) {
      if (!input.dryRun) {
        const details = planned.report.cases.flatMap((c, i) =>
          c.problems.map((p) => ({
            field: `caseIds[${i}]${p.field === 'instance' ? '' : `.${p.field}`}`,
            message: `${c.caseNo ?? c.caseId}：${p.message}`,
          })),
        );
        throw AppError.validation(
          `有 ${details.length} 个问题，未迁移任何案件：${details[0].message}`,
          details,
        );
      }
      return planned.report;
    }
    for (const c of planned.report.cases) {
      await this.db.transaction(async (em) => {
        const detail: MigratedDetail = {
          ...(await this.migrateOne(em, key, planned.target, c)),
          reason,
          legalBasis: input.legalBasis?.trim() || null,
        };
        await context.onMigrated?.(em, detail);
        await migrations.record(em, {
          ...detail,
          waiting: c.waiting,
          migratedBy: context.actorId,
          at: this.clock.now(),
        });
      });
      c.migrated = true;
    }
    return planned.report;
  }

  private async plan(
    em: EntityManager,
    key: string,
    input: MigrationInput,
  ): Promise<{ report: MigrationReport; target: ProcessDefinitionEntity }> {
    const target = await definitions.byVersion(em, key, input.toVersion);
    if (!target)
      throw AppError.validation(`流程“${key}”没有版本 ${input.toVersion}`, [
        { field: 'toVersion', message: `流程“${key}”没有版本 ${input.toVersion}` },
      ]);
    const targetIndex = await this.model(target);
    const rows = await migrations.cases(em, input.caseIds);
    const cases: CaseMigrationReport[] = [];
    const sources: ModelIndex[] = [];
    for (const caseId of input.caseIds) {
      const report: CaseMigrationReport = {
        caseId,
        caseNo: null,
        instanceId: null,
        fromVersion: null,
        waiting: [],
        rename: {},
        problems: [],
        migrated: false,
      };
      cases.push(report);
      const row = rows.find((r) => r.id === caseId);
      const problem = (message: string) => report.problems.push({ field: 'instance', message });
      if (!row) {
        problem('案件不存在');
        continue;
      }
      report.caseNo = row.case_no;
      report.instanceId = row.process_instance_id;
      const instance = await repo.byId(em, row.process_instance_id);
      const from = instance ? await definitions.byId(em, instance.definitionId) : null;
      if (!instance || !from) {
        problem('案件没有流程实例');
        continue;
      }
      report.fromVersion = from.version;
      if (instance.status !== 'running') {
        problem('案件流程已结束，不能迁移');
        continue;
      }
      if (from.key !== key) {
        problem(`案件运行的是流程“${from.key}”，不是“${key}”`);
        continue;
      }
      if (from.id === target.id) {
        problem(`案件已在版本 ${target.version}`);
        continue;
      }
      const source = await this.model(from);
      sources.push(source);
      report.waiting = await this.waiting(em, instance.id, from.id);
      const plan = planInstance(report.waiting, input.mapping, source, targetIndex);
      report.rename = plan.rename;
      report.problems.push(...plan.problems);
      report.problems.push(
        ...effectProblems({
          caseDate: shanghaiDate(new Date(row.created_at)),
          today: this.clock.today(),
          toVersion: target.version,
          effectiveFrom: target.effectiveFrom,
          legalBasis: input.legalBasis,
        }),
        ...skippedStepProblems({
          rename: plan.rename,
          source,
          target: targetIndex,
          finished: await migrations.finishedElements(em, instance.id),
        }),
      );
    }
    const mappingProblems = sources.length ? checkMapping(input.mapping, sources, targetIndex) : [];
    for (const c of cases) {
      if (c.fromVersion !== null) c.problems.push(...mappingProblems);
    }
    const ok = cases.length > 0 && cases.every((c) => c.problems.length === 0);
    return {
      report: {
        key,
        toVersion: target.version,
        toDefinitionId: target.id,
        dryRun: input.dryRun === true,
        ok,
        cases,
      },
      target,
    };
  }

  private async migrateOne(
    em: EntityManager,
    key: string,
    target: ProcessDefinitionEntity,
    planned: CaseMigrationReport,
  ): Promise<Omit<MigratedDetail, 'reason' | 'legalBasis'>> {
    const instance = await repo.lockInstance(em, planned.instanceId!);
    if (!instance || instance.status !== 'running')
      throw AppError.conflict('MIGRATION_STALE', `${planned.caseNo}：案件流程已结束，迁移取消`);
    const from = await definitions.byIdOrFail(em, instance.definitionId);
    // Checked again under the lock: the case may have moved since the plan was made.
    const waiting = await this.waiting(em, instance.id, from.id);
    const same =
      from.version === planned.fromVersion &&
      waiting.length === planned.waiting.length &&
      waiting.every((w) => planned.rename[w.elementId] !== undefined);
    if (!same)
      throw AppError.conflict(
        'MIGRATION_STALE',
        `${planned.caseNo}：案件在检查之后已有变化（当前环节与检查时不同），请重新检查后再迁移`,
      );

    const now = this.clock.now();
    const step = { em, actorId: null, now };
    const state = await rewriteState(instance.state, target.source, planned.rename);
    // Resume once on the target model: it must wait exactly where the mapping says.
    const { session } = await EngineSession.recover(
      state,
      await engineModel(target.source),
      { instanceId: instance.id, businessKey: instance.businessKey },
      this.services,
      step,
    );
    const armed = session.timers.list().map((t) => t.elementId);
    for (const w of waiting) {
      const to = planned.rename[w.elementId];
      const ok = w.kind === 'task' ? session.isWaiting(to) : armed.includes(to);
      if (!ok)
        throw AppError.validation(`${planned.caseNo}：迁移后流程没有停在“${to}”`, [
          { field: `mapping.${w.elementId}`, message: `迁移后流程没有停在“${to}”，迁移取消` },
        ]);
    }

    const targetIndex = await this.model(target);
    for (const task of await repo.openTasks(em, instance.id)) {
      const to = planned.rename[task.elementId];
      const element = targetIndex.get(to)!;
      const info = readUserTaskInfo(element.element);
      await repo.retargetTask(em, task.id, {
        elementId: to,
        name: element.name ?? to,
        candidateGroups: info.candidateGroups,
        form: info.fields as object[],
      });
    }
    for (const timer of await repo.pendingTimers(em, instance.id)) {
      await repo.retargetTimer(em, timer.id, planned.rename[timer.elementId]);
    }
    await repo.moveToDefinition(em, instance, { definitionId: target.id, state: session.getState(), now });
    return {
      caseId: planned.caseId,
      caseNo: planned.caseNo!,
      instanceId: instance.id,
      key,
      fromVersion: from.version,
      toVersion: target.version,
      fromDefinitionId: from.id,
      toDefinitionId: target.id,
      rename: planned.rename,
    };
  }

  /** Open user tasks and pending timers of an instance, with their names in its model version. */
  private async waiting(
    em: EntityManager,
    instanceId: string,
    definitionId: string,
  ): Promise<(WaitingElement & { name: string })[]> {
    const definition = await definitions.byIdOrFail(em, definitionId);
    const model = await this.model(definition);
    const tasks = await repo.openTasks(em, instanceId);
    const timers = await repo.pendingTimers(em, instanceId);
    return [
      ...tasks.map((t) => ({ elementId: t.elementId, kind: 'task' as const, name: t.name })),
      ...timers.map((t) => ({
        elementId: t.elementId,
        kind: 'timer' as const,
        name: model.get(t.elementId)?.name ?? t.elementId,
      })),
    ];
  }

  /** Parsed model of a stored version (a version never changes once stored). */
  private model(definition: ProcessDefinitionEntity): Promise<ModelIndex> {
    let found = this.models.get(definition.id);
    if (!found) {
      found = parseBpmn(definition.source).then(({ rootElement }) => indexModel(rootElement as BpmnElement));
      this.models.set(definition.id, found);
    }
    return found;
  }
}
