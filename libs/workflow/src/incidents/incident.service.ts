import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { Database } from '@app/persistence';
import { ProcessRuntime } from '../process-runtime.service';
import { IncidentFilter, IncidentRow, incidentRepository as incidents } from './incident.repository';

/**
 * The incidents of running cases (故障): recording stalled cases (the watchdog), listing them for
 * the operations view, and resolving one by hand with a reason. Retrying a failed step is the
 * runtime's (a timer) or the case's (a task) own step, which resolves the incident on success.
 */
@Injectable()
export class IncidentService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ProcessRuntime) private readonly runtime: ProcessRuntime,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * The watchdog: a running case with no open task, no pending timer and no open incident hangs
   * silently (a message no API delivers, an element the host cannot drive) — record it as an
   * incident, and resolve the stalled incidents of cases that moved on. Returns how many it opened.
   */
  async watch(now: Date = this.clock.now()): Promise<number> {
    await this.db.transaction((em) => incidents.resolveUnstalled(em, now));
    const stalled = await this.db.read((em) => incidents.stalledInstances(em));
    for (const instanceId of stalled) {
      const at = await this.runtime.waitingAt(instanceId);
      await this.db.transaction((em) =>
        incidents.record(
          em,
          {
            instanceId,
            kind: 'stalled',
            elementId: at?.elementId ?? null,
            elementName: at?.name ?? null,
            cause: `流程停滞：案件仍在办理中，却没有待办任务、没有等待中的定时器${
              at ? `，停在“${at.name}”，系统无法推动这一环节` : ''
            }`,
            rawError: 'running instance with no open task, no pending timer and no open incident',
          },
          now,
        ),
      );
    }
    return stalled.length;
  }

  list(filter: IncidentFilter): Promise<IncidentRow[]> {
    return this.db.read((em) => incidents.list(em, filter));
  }

  async get(id: string): Promise<IncidentRow> {
    const found = await this.db.read((em) => incidents.byId(em, id));
    if (!found) throw AppError.notFound('故障记录不存在');
    return found;
  }

  /**
   * Resolves an open incident by hand, with the reason (e.g. the case was handled outside the
   * system); `onResolved` runs in the same transaction (the audit entry).
   */
  async resolve(
    id: string,
    input: { reason: string; actorId: string },
    onResolved?: (em: EntityManager, incident: IncidentRow) => Promise<void>,
  ): Promise<IncidentRow> {
    const reason = input.reason?.trim() ?? '';
    if (reason.length < 4)
      throw AppError.validation('请填写解除原因（至少 4 个字）', [
        { field: 'reason', message: '请填写解除原因（至少 4 个字）' },
      ]);
    return this.db.transaction(async (em) => {
      const incident = await incidents.byId(em, id, true);
      if (!incident) throw AppError.notFound('故障记录不存在');
      if (incident.status !== 'open') throw AppError.conflict('INCIDENT_RESOLVED', '该故障已解除');
      await incidents.resolve(em, id, { by: input.actorId, reason, now: this.clock.now() });
      const resolved = (await incidents.byId(em, id))!;
      await onResolved?.(em, resolved);
      return resolved;
    });
  }
}
