import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock, shanghaiDate } from '@app/common';
import { DutyService, householdIdNumbers } from '../duty';
import { SUPERVISOR_ROLE, dutiesAtLevel, isRole, type AuthUser } from '@app/auth';
import { regionLevel } from '@app/assistance';
import {
  fitDocumentDefinition,
  formatCnDate,
  renderBareDocDefinition,
  validateTemplateData,
} from '@app/documents';
import { CaseEntity, Database } from '@app/persistence';
import { FormField, parseBpmn, readLegalBasis, validateFormData } from '@app/process-models';
import { caseRepository as cases } from '../case.repository';
import { caseProcessRepository as processes } from '../case-process.repository';
import { INBOX_TOTAL_CAP, InboxQuery, inboxKeyTypes, inboxRepository as inbox } from './inbox.repository';
import { cursorFits, encodeInboxCursor } from './inbox-cursor';
import { caseworkRepository as casework } from '../casework/casework.repository';
import { assertMayReadCase } from '../case-access';
import { APPLICATION_PROGRAMS } from '../programs';
import { DocumentIssuer } from '../document-issuer';
import { TemplateStore } from '@app/issuance';
import { AFTER_INVALID, InboxFilter, parseInboxFilter } from './inbox-query';
import { ModelElement, nextDocuments } from './next-documents';
import { Urgency, urgencyOf, urgencyOn } from './urgency';
import { StaffMember, staffRepository } from './staff.repository';
import type { CaseUrgency } from '../linshi/linshi-rules';

export interface WorkbenchInboxItem {
  taskId: string;
  name: string;
  elementId: string;
  dueDate: string | null;
  dueDateCertain: boolean;
  createdAt: Date;
  caseId: string;
  caseNo: string;
  applicantName: string;
  regionCode: string;
  townshipName: string | null;
  program: string;
  hardshipIndex: number | null;
  legalBasis: string | null;
  urgency: Urgency;
  /** Four-colour urgency tag of the case (四色), null when untagged. */
  caseUrgency: CaseUrgency | null;
  /** Why the duty rules stop this user from doing the task (职责分离 or 回避); null when they may. */
  blockedReason: string | null;
  /** Who holds the task; null while it waits in the group inbox. */
  assignee: string | null;
  assigneeName: string | null;
}

/** One page of the inbox. */
export interface WorkbenchInbox {
  items: WorkbenchInboxItem[];
  /** Pass as `after` for the next page; null on the last one. */
  nextCursor: string | null;
  /** Open tasks in the whole list (first page only), at most `INBOX_TOTAL_CAP`. */
  total: number | null;
  /** More open tasks than `total` says. */
  totalCapped: boolean;
}

export { INBOX_TOTAL_CAP };

/** Rows per inbox page when the caller does not ask for a size. */
export const INBOX_PAGE_SIZE = 50;

export interface CaseDiagram {
  xml: string;
  definition: { key: string; version: number };
  completed: string[];
  taken: string[];
  active: string[];
}

export type PreviewResult =
  | { kind: 'pdf'; templateId: string; title: string; pdf: Buffer }
  | { kind: 'list'; documents: { templateId: string; title: string }[] };

/** Shown instead of a 文号 and printed across every page, so a preview can never pass for the real thing. */
export const PREVIEW_NUMBER = '（预览）';
export const PREVIEW_MARK = '预览 非正式文书';

type ParsedModel = ModelElement;

/**
 * What the clerk workbench needs beyond the case aggregate: a filtered inbox with urgency, the
 * case's path through its model, and a preview of the documents a step would issue.
 */
@Injectable()
export class WorkbenchService {
  private readonly models = new Map<string, Promise<ParsedModel>>();
  private readonly bases = new Map<string, Promise<Map<string, string>>>();

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DocumentIssuer) private readonly issuer: DocumentIssuer,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(DutyService) private readonly duties: DutyService,
  ) {}

  parseFilter(query: Record<string, unknown>): InboxFilter {
    return parseInboxFilter(query, APPLICATION_PROGRAMS);
  }

  /**
   * One page of the open tasks of the user's role in their region. Without a sort, county lists
   * put the neediest first (latest hardship index), everyone else the earliest due. `nextCursor`
   * is the last task of the page when more may follow; `total` is counted on the first page only,
   * up to `INBOX_TOTAL_CAP` (past it, `totalCapped`).
   */
  async inbox(user: AuthUser, filter: InboxFilter = {}): Promise<WorkbenchInbox> {
    const sort = filter.sort ?? (user.role === 'county_approver' ? 'hardship' : 'due');
    const chosen = filter.order === 'desc' ? 'desc' : 'asc';
    // The county's default neediest-first list is always descending.
    const order = sort === 'hardship' && filter.sort !== 'hardship' ? 'desc' : chosen;
    const query: InboxQuery = {
      duties: inboxDuties(user),
      regionCode: user.regionCode,
      program: filter.program,
      township: filter.township,
      dueBefore: filter.dueBefore,
      urgency: filter.urgency,
      sort,
      order,
    };
    const limit = filter.limit ?? INBOX_PAGE_SIZE;
    const after = filter.after;
    if (
      after &&
      !(after.sort === sort && after.order === order && cursorFits(after, inboxKeyTypes(sort, order)))
    )
      throw AppError.validation(`查询参数有误：${AFTER_INVALID}`, [
        { field: 'after', message: AFTER_INVALID },
      ]);
    const { rows, blocked, total } = await this.db.read(async (em) => {
      if (filter.mine) {
        query.heldBy = [user.id, ...(await casework.principalsOf(em, user.id, this.clock.today()))];
      }
      // One more than the page, to tell whether there is a next one.
      const found = await inbox.page(em, query, { limit: limit + 1, after: after?.keys }, user.id, !after);
      const tasks = found.rows.slice(0, limit).map((r) => ({ ...r, householdIds: householdIdNumbers(r) }));
      const blocked = await this.duties.inboxBlockers(
        em,
        user,
        tasks,
        found.relatives,
        found.ruleSetsVersion ?? -1,
      );
      return { rows: found.rows, blocked, total: found.total };
    });
    const urgency = urgencyOn(this.clock.today());
    const items: WorkbenchInboxItem[] = [];
    for (const [i, row] of rows.slice(0, limit).entries()) {
      // The household's ID numbers were read for the recusal check only; lists do not show them.
      const {
        definitionId,
        instanceId: _i,
        candidateGroups: _g,
        applicantIdNumber: _id,
        household: _h,
        cursorKeys: _k,
        priorActs: _p,
        ...item
      } = row;
      const basis = await this.legalBases(definitionId);
      items.push({
        ...item,
        legalBasis: basis.get(row.elementId) ?? null,
        urgency: urgency(row.dueDate),
        blockedReason: blocked[i].recusal ?? blocked[i].separation,
      });
    }
    return {
      items,
      nextCursor:
        rows.length > limit ? encodeInboxCursor({ sort, order, keys: rows[limit - 1].cursorKeys }) : null,
      total: total === null ? null : Math.min(total, INBOX_TOTAL_CAP),
      totalCapped: total !== null && total > INBOX_TOTAL_CAP,
    };
  }

  /** What the inbox shows about one task, for the task page. */
  async annotate(task: {
    instanceId: string;
    elementId: string;
    dueDate: string | null;
  }): Promise<{ legalBasis: string | null; urgency: Urgency }> {
    const definitionId = await this.db.read((em) => processes.definitionIdOf(em, task.instanceId));
    const basis = definitionId ? await this.legalBases(definitionId) : new Map<string, string>();
    return {
      legalBasis: basis.get(task.elementId) ?? null,
      urgency: urgencyOf(task.dueDate, this.clock.today()),
    };
  }

  /** The case's model with the activities it completed, the flows it took and where it waits now. */
  /**
   * The staff a form field may name (its model-declared `staffDuty`): accounts holding the duty
   * whose jurisdiction covers the case, e.g. the investigators of its township.
   */
  async staff(user: AuthUser, caseId: string, duty: string): Promise<StaffMember[]> {
    // A field may name several duties, e.g. the investigators and the village assistants who go along.
    const duties = duty
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean);
    const unknown = duties.filter((d) => !isRole(d));
    if (!duties.length || unknown.length)
      throw new AppError(400, 'UNKNOWN_DUTY', `参数“duty”：未知的职责“${unknown.join('、') || duty}”`);
    return this.db.read(async (em) => {
      const kase = await this.readableCase(em, user, caseId);
      return staffRepository.holdersOf(em, duties, kase.regionCode);
    });
  }

  async diagram(user: AuthUser, caseId: string): Promise<CaseDiagram> {
    return this.db.read(async (em) => {
      const kase = await this.readableCase(em, user, caseId);
      const definition = (await processes.definitionOf(em, kase.processInstanceId))!;
      const log = await processes.activityLog(em, kase.processInstanceId);
      const waiting = await processes.waitingAt(em, kase.processInstanceId);
      const unique = (ids: string[]) => [...new Set(ids)];
      return {
        xml: definition.source,
        definition: { key: definition.key, version: definition.version },
        completed: unique(log.filter((l) => l.event === 'end').map((l) => l.elementId)),
        taken: unique(log.filter((l) => l.event === 'take').map((l) => l.elementId)),
        active: unique(waiting.map((w) => w.elementId)),
      };
    });
  }

  /**
   * Renders the documents completing this task with `data` would issue, without issuing them: no
   * 文号 taken, nothing signed, archived or written. Several documents → their list; pick one
   * with `templateId`.
   */
  async preview(
    user: AuthUser,
    taskId: string,
    data: Record<string, unknown>,
    templateId?: string,
  ): Promise<PreviewResult> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const prepared = await this.db.read(async (em) => {
      const task = await processes.task(em, taskId);
      if (!task) throw AppError.notFound('任务不存在');
      if (task.status !== 'open')
        throw AppError.conflict('TASK_ALREADY_DONE', `任务“${task.name}”已办理，无需预览`);
      const kase = await cases.byInstanceOrFail(em, task.instanceId);
      await this.duties.assertMayPerform(em, user, kase, task);
      // The preview prints the named staff as submitting would: by name, refused as submitting would be.
      const named = (await this.duties.resolveNamedStaff(em, kase, task, data ?? {})).data;
      const { values, errors } = validateFormData((task.form as FormField[]) ?? [], named);
      if (errors.length)
        throw AppError.validation(
          '表单填写有误',
          errors.map((e) => ({ ...e, field: `data.${e.field}` })),
        );
      const instance = (await processes.instanceState(em, task.instanceId))!;
      const variables = { ...processVariables(instance.state), ...values };
      const model = await this.model(instance.definitionId, em);
      const process = (model.rootElements ?? []).find(
        (e) => e.$type === 'bpmn:Process' && (e.flowElements ?? []).some((f) => f.id === task.elementId),
      );
      const next = process ? nextDocuments(process, task.elementId, variables) : [];
      if (!next.length) throw new AppError(404, 'NO_DOCUMENT', '按当前填写的内容，提交本步骤不会出具文书');
      const listed = await Promise.all(
        next.map(async (n) => ({
          templateId: n.templateId,
          title: (await this.templates.get(em, n.templateId, now)).manifest.title,
        })),
      );
      if (!templateId && listed.length > 1) return { kind: 'list' as const, documents: listed };
      const chosen = templateId ?? listed[0].templateId;
      if (!listed.some((l) => l.templateId === chosen)) {
        throw AppError.validation('该步骤不会出具所选文书', [
          { field: 'template', message: `可预览的文书：${listed.map((l) => l.templateId).join('、')}` },
        ]);
      }
      const template = await this.templates.get(em, chosen, now);
      // The document that records the acceptance date prints today's date, as issuing it would.
      const acceptanceDate =
        kase.acceptanceDate ?? (template.manifest.recordsCaseDate === 'acceptanceDate' ? today : null);
      const { data: snapshot } = await this.issuer.compose(
        em,
        { ...kase, acceptanceDate },
        template,
        variables,
        today,
      );
      snapshot.document = {
        title: template.manifest.title,
        ...(template.manifest.numberCode ? { number: PREVIEW_NUMBER } : {}),
        issuedDate: formatCnDate(today),
        verifyCode: 'PREVIEW',
      };
      const problems = validateTemplateData(template.manifest.schema, snapshot);
      if (problems.length) {
        throw AppError.validation(
          `无法出具《${template.manifest.title}》：${problems[0].message}`,
          problems.map((e) => ({ field: e.field.replace(/^form\./, 'data.'), message: e.message })),
        );
      }
      return { kind: 'render' as const, template, snapshot };
    });
    if (prepared.kind === 'list') return prepared;
    const { template, snapshot } = prepared;
    // Laid out as the issued document will be (GB/T 9704 fitting), so the preview's pages match.
    const { definition } = await fitDocumentDefinition({
      template,
      data: snapshot,
      number: template.manifest.numberCode ? PREVIEW_NUMBER : undefined,
      issuedAt: now,
      verifyCode: 'PREVIEW',
      verifyUrl: '预览文书不可查验',
    });
    definition.watermark = { text: PREVIEW_MARK, color: '#c00000', opacity: 0.18, bold: true, fontSize: 56 };
    return {
      kind: 'pdf',
      templateId: template.manifest.id,
      title: template.manifest.title,
      pdf: await renderBareDocDefinition(definition),
    };
  }

  private async readableCase(em: EntityManager, user: AuthUser, caseId: string): Promise<CaseEntity> {
    const kase = await cases.byId(em, caseId);
    if (!kase) throw AppError.notFound('案件不存在');
    assertMayReadCase(user, kase, 'staff-or-applicant');
    return kase;
  }

  /** Parsed once per definition version: versions are immutable. */
  /**
   * The parsed model of a definition, cached. Called inside a unit of work, it reads with that
   * unit's `em`: a second `db.read` there would wait forever on PGlite's one-session queue.
   */
  private model(definitionId: string, em?: EntityManager): Promise<ParsedModel> {
    let parsed = this.models.get(definitionId);
    if (!parsed) {
      const source = em
        ? processes.definitionSource(em, definitionId)
        : this.db.read((e) => processes.definitionSource(e, definitionId));
      parsed = source.then(async (xml) => {
        if (xml === undefined) throw new Error(`process definition ${definitionId} not found`);
        // bpmn-moddle's elements are untyped; ModelElement names what the workbench reads of them.
        return (await parseBpmn(xml)).rootElement as unknown as ModelElement;
      });
      parsed.catch(() => this.models.delete(definitionId));
      this.models.set(definitionId, parsed);
    }
    return parsed;
  }

  /** The legal basis of each element of a definition, read once per definition version. */
  private legalBases(definitionId: string): Promise<Map<string, string>> {
    let bases = this.bases.get(definitionId);
    if (!bases) {
      bases = this.model(definitionId).then((model) => {
        const out = new Map<string, string>();
        for (const root of model.rootElements ?? []) {
          for (const element of root.flowElements ?? []) {
            const basis = readLegalBasis(element);
            if (basis) out.set(element.id, basis);
          }
        }
        return out;
      });
      bases.catch(() => this.bases.delete(definitionId));
      this.bases.set(definitionId, bases);
    }
    return bases;
  }
}

/** The parts of bpmn-engine's stored state (`getState()`) that hold variables. */
interface EngineState {
  definitions?: (ScopeState & { execution?: { processes?: ScopeState[] } })[];
}

interface ScopeState {
  environment?: { variables?: Record<string, unknown> };
}

/**
 * The process variables in a stored engine state, as a service task would see them: the
 * definition environment overlaid by each running process's own environment (where form values
 * and service outputs are assigned).
 */
export function processVariables(state: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const definition of (state as EngineState | null | undefined)?.definitions ?? []) {
    Object.assign(out, definition.environment?.variables ?? {});
    for (const process of definition.execution?.processes ?? []) {
      Object.assign(out, process.environment?.variables ?? {});
    }
  }
  return out;
}

/** A 分管负责人 sees the open tasks of every duty of their organ's level, to release or reassign them. */
function inboxDuties(user: AuthUser): string[] {
  if (!user.duties.includes(SUPERVISOR_ROLE)) return [...user.duties];
  return [...new Set([...user.duties, ...dutiesAtLevel(regionLevel(user.regionCode) ?? '')])];
}
