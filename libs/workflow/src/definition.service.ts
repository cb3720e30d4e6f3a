import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { Database, ProcessDefinitionEntity, ProcessRetirementEntity } from '@app/persistence';
import { definitionRepository as definitions } from './definition.repository';
import {
  BpmnElement,
  DeployedVersion,
  ModelIssue,
  ProcessInfo,
  caseSeries,
  lintModel,
  parseBpmn,
  programConflicts,
  readProcessInfo,
} from '@app/process-models';
import { ServiceRegistry } from './service-registry';
import { sourceCache } from './source-cache';
import { EngineModel, engineModel } from './engine-model';

type ModelLint = Awaited<ReturnType<typeof lintModel>>;
type LintOptions = Parameters<typeof lintModel>[1] & { now: Date };

/**
 * The key of a model's deploy checks: its text and everything the checks read. The clock enters
 * by its date, and to the millisecond for a model with a literal timer date (the one check that
 * compares with now: a date already past fires at once).
 */
export function lintKey(xml: string, options: LintOptions): string {
  const { now, ...rest } = options;
  const clock = /timeDate/.test(xml) ? now.toISOString() : now.toISOString().slice(0, 10);
  return JSON.stringify([xml, rest, clock]);
}

/**
 * Deploy checks and process attributes by source, shared by every DefinitionService of the
 * process: each start of the API checks every bundled model again (≈ 0.3 s of CPU for the ten),
 * and a test process starts dozens of APIs. The results are only read, never changed.
 */
const lints = sourceCache<ModelLint>();
const infosBySource = sourceCache<ProcessInfo>();

export interface DeployResult {
  definition: ProcessDefinitionEntity;
  created: boolean;
}

export interface DeployOptions {
  /**
   * YYYY-MM-DD (China time) from which new cases start on this version; default today. Asked for
   * bytes already deployed, it must be their date: the deploy refuses rather than keep another.
   */
  effectiveFrom?: string;
  /** The region whose cases it governs, and who deployed it (the studio; not the bundled models). */
  scopeRegion?: string;
  deployedBy?: string;
  /** 公示 days under the policy parameters in force where the model will run (the lint's floor). */
  publicNoticeDays?: number;
  /** What changed and why, as its author wrote it (the studio requires one). */
  changeNote?: string;
  /** Runs inside the deploy transaction when a new version is stored (e.g. to audit it). */
  onCreated?: (em: EntityManager, definition: ProcessDefinitionEntity) => Promise<void>;
}

export interface LintIssue extends ModelIssue {
  severity: 'error' | 'warning';
}

export interface LintReport {
  ok: boolean;
  errors: LintIssue[];
  warnings: LintIssue[];
}

/** Input that is not a BPMN model at all (see ModelValidationResult.unreadable): 400 on `xml`. */
function unreadableModel(prefix: string, errors: ModelIssue[]): AppError {
  const message = errors[0]?.message ?? '模型内容无法读取';
  return AppError.validation(
    `${prefix}：${message}`,
    errors.map((e) => ({ field: 'xml', message: e.message })),
  );
}

/**
 * Deploys BPMN models. A model is versioned by its content: the same bytes deploy to the same
 * version, changed bytes to the next one; running cases keep the version they started on.
 */
@Injectable()
export class DefinitionService {
  private readonly logger = new Logger('DefinitionService');
  /** Parsed process attributes per definition id; a definition never changes once stored. */
  private readonly infos = new Map<string, Promise<ProcessInfo>>();
  /** By definition id: a stored definition never changes. */
  private readonly models = sourceCache<EngineModel>();

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ServiceRegistry) private readonly services: ServiceRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async deployDirectory(dir: string): Promise<DeployResult[]> {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bpmn'))
      .sort();
    const results: DeployResult[] = [];
    for (const file of files) {
      results.push(await this.deploy(fs.readFileSync(path.join(dir, file), 'utf8'), file));
    }
    for (const r of results) {
      this.logger.log(`${r.definition.key} v${r.definition.version}${r.created ? '（新版本）' : ''}`);
    }
    return results;
  }

  /** The deploy checks — model validation and the legal-completeness lint — without deploying. */
  async lint(xml: string, options: { publicNoticeDays?: number } = {}): Promise<LintReport> {
    const { errors, warnings, unreadable } = await this.check(xml, options.publicNoticeDays);
    if (unreadable) throw unreadableModel('模型无法检查', errors);
    return { ok: errors.length === 0, errors, warnings };
  }

  private async check(xml: string, publicNoticeDays?: number) {
    const options: LintOptions = {
      services: this.services.names(),
      templates: this.services.templateIds(),
      remedyTemplates: this.services.remedyTemplateIds(),
      servedTemplates: this.services.servedTemplateIds(),
      serviceRecordTemplates: this.services.serviceRecordTemplateIds(),
      now: this.clock.now(),
      ...(publicNoticeDays !== undefined && { publicNoticeDays }),
    };
    const report = await lints(lintKey(xml, options), () => lintModel(xml, options));
    const errors = report.errors.map((e) => ({ ...e, severity: 'error' as const }));
    const warnings = report.warnings.map((w) => ({ ...w, severity: 'warning' as const }));
    return { definitions: report.definitions, errors, warnings, unreadable: report.unreadable };
  }

  /** Every stored version with the program and kind its model declares (for the program rules). */
  private async deployedVersions(em: EntityManager): Promise<DeployedVersion[]> {
    const out: DeployedVersion[] = [];
    const retired = new Map((await definitions.retirements(em)).map((r) => [r.processKey, r.effectiveFrom]));
    for (const d of await definitions.list(em)) {
      const info = await this.info(em, d.id);
      out.push({
        key: d.key,
        version: d.version,
        name: d.name,
        ...(info.program && { program: info.program }),
        ...(info.kind && { kind: info.kind }),
        effectiveFrom: d.effectiveFrom,
        contentHash: d.contentHash,
        ...(caseSeries(info) && { caseSeries: caseSeries(info) }),
        ...(retired.has(d.key) && { retiredFrom: retired.get(d.key) }),
      });
    }
    return out;
  }

  /** Deploys from `processes/` at start and from the studio pass the same checks. */
  async deploy(xml: string, fileName = 'model.bpmn', options: DeployOptions = {}): Promise<DeployResult> {
    const effectiveFrom = options.effectiveFrom ?? this.clock.today();
    const report = await this.check(xml, options.publicNoticeDays);
    const errors = report.errors;
    if (report.unreadable) throw unreadableModel(`流程模型 ${fileName} 无法部署`, errors);
    if (errors.length) {
      throw AppError.validation(
        `流程模型 ${fileName} 无法部署：${errors[0].message}`,
        errors.map((e: { elementId?: string; message: string }) => ({
          field: e.elementId ?? fileName,
          message: e.message,
        })),
      );
    }
    const process = ((report.definitions?.rootElements as BpmnElement[] | undefined) ?? []).find(
      (e) => e.$type === 'bpmn:Process',
    )!;
    const key = process.id!;
    const name = process.name ?? key;
    const contentHash = createHash('sha256').update(xml.replace(/\r\n/g, '\n')).digest('hex');
    return this.db.transaction(async (em) => {
      await definitions.lockKey(em, key);
      const info = readProcessInfo(report.definitions as BpmnElement);
      const conflicts = programConflicts(
        {
          key,
          name,
          contentHash,
          ...(info?.program && { program: info.program }),
          ...(info?.kind && { kind: info.kind }),
          ...(info && caseSeries(info) && { caseSeries: caseSeries(info) }),
          ...(options.effectiveFrom !== undefined && { effectiveFrom: options.effectiveFrom }),
        },
        await this.deployedVersions(em),
        this.clock.today(),
      );
      if (conflicts.length) {
        throw AppError.validation(
          `流程模型 ${fileName} 无法部署：${conflicts[0].message}`,
          conflicts.map((e) => ({ field: e.elementId ?? fileName, message: e.message })),
        );
      }
      const same = await definitions.byContent(em, key, contentHash);
      if (same) return { definition: same, created: false };
      const latest = await definitions.newest(em, key);
      const definition: ProcessDefinitionEntity = {
        id: randomUUID(),
        key,
        version: (latest?.version ?? 0) + 1,
        name,
        contentHash,
        source: xml,
        deployedAt: this.clock.now(),
        effectiveFrom,
        scopeRegion: options.scopeRegion ?? null,
        deployedBy: options.deployedBy ?? null,
        changeNote: options.changeNote ?? null,
      };
      await definitions.insert(em, definition);
      await options.onCreated?.(em, definition);
      return { definition, created: true };
    });
  }

  /**
   * Retires a process key from `effectiveFrom` (YYYY-MM-DD, not in the past — the caller checks):
   * from that date it takes no new cases and another process may take its program and kind;
   * running cases continue on their versions. A key is retired once, and for good.
   */
  async retire(
    key: string,
    input: { effectiveFrom: string; reason: string; actorId: string },
    onRetired?: (em: EntityManager, retirement: ProcessRetirementEntity) => Promise<void>,
  ): Promise<ProcessRetirementEntity> {
    return this.db.transaction(async (em) => {
      // The same lock as a deploy of the key: no version slips in beside the retirement.
      await definitions.lockKey(em, key);
      if (!(await definitions.newest(em, key))) throw AppError.notFound(`流程“${key}”尚未部署`);
      const earlier = await definitions.retirement(em, key);
      if (earlier) {
        throw AppError.conflict(
          'PROCESS_RETIRED',
          `流程“${key}”已于 ${earlier.effectiveFrom} 起停用，不能重复停用`,
        );
      }
      const row: ProcessRetirementEntity = {
        id: randomUUID(),
        processKey: key,
        effectiveFrom: input.effectiveFrom,
        reason: input.reason,
        retiredBy: input.actorId,
        retiredAt: this.clock.now(),
      };
      await definitions.insertRetirement(em, row);
      await onRetired?.(em, row);
      return row;
    });
  }

  retirements(): Promise<ProcessRetirementEntity[]> {
    return this.db.read((em) => definitions.retirements(em));
  }

  /**
   * The version new cases start on: the highest version already in effect today (app clock).
   * Versions deployed with a future effective date wait; running cases keep their own version.
   */
  async latest(em: EntityManager, key: string): Promise<ProcessDefinitionEntity> {
    const found = await definitions.inEffectOn(em, key, this.clock.today());
    if (!found) throw AppError.notFound(`流程“${key}”尚未部署、已停用或尚无已生效的版本`);
    return found;
  }

  /** The process attributes of a stored definition (program, kind, starters, start form, outcomes). */
  info(em: EntityManager, definitionId: string): Promise<ProcessInfo> {
    const cached = this.infos.get(definitionId);
    if (cached) return cached;
    // A definition never changes once stored, so its source (tens of KB) is read and parsed once.
    const found = this.readInfo(em, definitionId);
    found.catch(() => this.infos.delete(definitionId)); // a failed read is not kept
    this.infos.set(definitionId, found);
    return found;
  }

  /** The stored definition as its engines run it (parsed once per definition, never changed). */
  model(em: EntityManager, definitionId: string): Promise<EngineModel> {
    return this.models(definitionId, () =>
      definitions.source(em, definitionId).then((d) => engineModel(d.source)),
    );
  }

  private async readInfo(em: EntityManager, definitionId: string): Promise<ProcessInfo> {
    const definition = await definitions.source(em, definitionId);
    return infosBySource(JSON.stringify([definition.key, definition.source]), () => parseInfo(definition));
  }

  /** The version in effect today of every deployed process, with its attributes. */
  async inEffect(em: EntityManager): Promise<{ definition: ProcessDefinitionEntity; info: ProcessInfo }[]> {
    const rows = await definitions.allInEffectOn(em, this.clock.today());
    // One after another: a transaction's connection runs one query at a time (pg deprecates overlap).
    const out: { definition: ProcessDefinitionEntity; info: ProcessInfo }[] = [];
    for (const definition of rows) out.push({ definition, info: await this.info(em, definition.id) });
    return out;
  }

  list(): Promise<ProcessDefinitionEntity[]> {
    return this.db.read((em) => definitions.list(em));
  }

  async get(id: string): Promise<ProcessDefinitionEntity> {
    const found = await this.db.read((em) => definitions.byId(em, id));
    if (!found) throw AppError.notFound('流程模型版本不存在');
    return found;
  }
}

/** The process attributes a stored definition's model declares (the key when it declares none). */
async function parseInfo(definition: { key: string; source: string }): Promise<ProcessInfo> {
  const { rootElement } = await parseBpmn(definition.source);
  return (
    readProcessInfo(rootElement as BpmnElement) ?? {
      key: definition.key,
      name: definition.key,
      appliesTo: [],
      starterGroups: [],
      startForm: [],
      outcomes: {},
      prerequisites: {},
    }
  );
}
