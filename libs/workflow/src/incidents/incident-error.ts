import { AppError } from '@app/common';
import type { IncidentDraft } from './incident.repository';

/**
 * A step that failed at run time: the user gets a 409 naming the element and the cause, the step
 * rolls back, and `ProcessRuntime.transaction` records `draft` as an incident after the rollback.
 */
export class IncidentError extends AppError {
  /** Set once the incident is recorded. */
  incidentId: string | null = null;

  constructor(
    message: string,
    readonly draft: IncidentDraft,
  ) {
    super(409, 'STEP_FAILED', message, [
      { field: draft.elementId ?? 'process', message: `${draft.elementName ?? '流程'}：${draft.cause}` },
    ]);
  }
}
