import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock } from '@app/common';
import { Database, ProcessDraftEntity } from '@app/persistence';
import { BpmnElement, ModelChange, ModelChangeLabels, modelChanges, parseBpmn } from '@app/process-models';
import { definitionRepository as definitions } from '../definition.repository';
import { DefinitionService } from '../definition.service';
import { draftRepository as drafts } from './draft.repository';
import { blankModel, modelName, renameProcess } from './blank-model';

export interface NewDraft {
  from: 'blank' | 'copy' | 'import';
  /** blank/copy: the process key (BPMN process id) and name of the new model. */
  key?: string;
  name?: string;
  /** copy: the version copied. */
  definitionId?: string;
  /** import: the uploaded file. */
  xml?: string;
  fileName?: string;
}

export interface VersionRow {
  id: string;
  key: string;
  version: number;
  name: string;
  contentHash: string;
  deployedAt: Date;
  effectiveFrom: string;
  program: string | null;
  kind: string | null;
  author: string | null;
  changeNote: string | null;
  /** The version new cases of this key start on today. */
  inEffect: boolean;
  /** In effect today and an application process: the one that receives its program's applications. */
  takesApplications: boolean;
}

export interface ChangeSummary {
  against: { id: string; version: number; effectiveFrom: string } | null;
  changes: ModelChange[];
}

/**
 * The studio's work that is not deploying itself: drafts (stored whether or not they pass the
 * checks), the summary of what a deploy changes, and the version list a legal officer reads.
 */
@Injectable()
export class StudioService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DefinitionService) private readonly definitions: DefinitionService,
  ) {}

  async versions(): Promise<VersionRow[]> {
    return this.db.read(async (em) => {
      const rows = await definitions.list(em);
      const current = new Set((await definitions.allInEffectOn(em, this.clock.today())).map((d) => d.id));
      const names = await drafts.userNames(em, [
        ...new Set(rows.map((r) => r.deployedBy).filter((v): v is string => !!v)),
      ]);
      const out: VersionRow[] = [];
      for (const r of rows) {
        const info = await this.definitions.info(em, r.id);
        out.push({
          id: r.id,
          key: r.key,
          version: r.version,
          name: r.name,
          contentHash: r.contentHash,
          deployedAt: r.deployedAt,
          effectiveFrom: r.effectiveFrom,
          program: info.program ?? null,
          kind: info.kind ?? null,
          author: r.deployedBy ? (names.get(r.deployedBy) ?? null) : null,
          changeNote: r.changeNote ?? null,
          inEffect: current.has(r.id),
          takesApplications: current.has(r.id) && info.kind === 'application',
        });
      }
      return out;
    });
  }

  /** What deploying `xml` changes against the version of its key in effect today (or the newest). */
  async changes(xml: string, labels: ModelChangeLabels = {}): Promise<ChangeSummary> {
    let after: BpmnElement;
    try {
      after = (await parseBpmn(xml)).rootElement as BpmnElement;
    } catch {
      throw AppError.validation('模型内容无法读取，不能比较', [
        { field: 'xml', message: '模型内容无法读取' },
      ]);
    }
    const process = ((after.rootElements as BpmnElement[] | undefined) ?? []).find(
      (e) => e.$type === 'bpmn:Process',
    );
    if (!process?.id) return { against: null, changes: [] };
    const base = await this.db.read(
      async (em) =>
        (await definitions.inEffectOn(em, process.id!, this.clock.today())) ??
        (await definitions.newest(em, process.id!)),
    );
    if (!base) return { against: null, changes: [] };
    const before = (await parseBpmn(base.source)).rootElement;
    return {
      against: { id: base.id, version: base.version, effectiveFrom: base.effectiveFrom },
      changes: modelChanges(before as never, after as never, labels),
    };
  }

  listDrafts() {
    return this.db.read((em) => drafts.list(em));
  }

  async draft(id: string): Promise<ProcessDraftEntity> {
    const found = await this.db.read((em) => drafts.byId(em, id));
    if (!found) throw AppError.notFound('草稿不存在或已删除');
    return found;
  }

  async createDraft(input: NewDraft, userId: string): Promise<ProcessDraftEntity> {
    let source: string;
    let origin: string = input.from;
    if (input.from === 'import') {
      if (!input.xml?.trim())
        throw AppError.validation('请选择要导入的 .bpmn 文件', [{ field: 'xml', message: '文件内容为空' }]);
      source = input.xml;
    } else {
      const key = input.key?.trim();
      if (!key)
        throw AppError.validation('请填写流程标识', [
          { field: 'key', message: '请填写流程标识（英文字母开头）' },
        ]);
      if (input.from === 'blank') {
        source = blankModel(key, input.name?.trim() || key);
      } else {
        if (!input.definitionId)
          throw AppError.validation('请选择要复制的流程', [
            { field: 'definitionId', message: '请选择要复制的流程' },
          ]);
        const base = await this.definitions.get(input.definitionId);
        source = renameProcess(base.source, base.key, key, input.name?.trim() || undefined);
        origin = `copy:${base.id}`;
      }
    }
    const row: ProcessDraftEntity = {
      id: randomUUID(),
      name: modelName(source) ?? input.fileName ?? '未命名模型',
      fileName: input.fileName ?? `${input.key ?? 'model'}.bpmn`,
      source,
      origin,
      createdBy: userId,
      updatedAt: this.clock.now(),
    };
    await this.db.transaction((em) => drafts.insert(em, row));
    return row;
  }

  /** Stores the draft as it is: a model failing the checks is kept so it can be fixed later. */
  async saveDraft(id: string, xml: string): Promise<ProcessDraftEntity> {
    return this.db.transaction(async (em) => {
      const found = await drafts.byId(em, id);
      if (!found) throw AppError.notFound('草稿不存在或已删除');
      const patch = { source: xml, name: modelName(xml) ?? found.name, updatedAt: this.clock.now() };
      await drafts.update(em, id, patch);
      return { ...found, ...patch };
    });
  }

  async deleteDraft(id: string): Promise<void> {
    await this.db.transaction((em) => drafts.remove(em, id));
  }
}
