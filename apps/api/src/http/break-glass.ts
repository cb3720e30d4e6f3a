import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock } from '@app/common';
import { AuditService } from '@app/audit';
import { readingReasonProblem, worksCases } from '@app/assistance';
import type { AuthUser } from '@app/auth';
import { Database } from '@app/persistence';
import { CaseOwned, auditAccessRepository } from './audit-access.repository';

/** The query parameter that carries the 查阅事由. */
export const REASON_PARAM = 'reason';

/**
 * The 查阅事由 a reader who does not work cases gives to open an original: null when none was
 * given (or none is needed); a 400 naming the field when what was given is no real reason.
 */
export function readingReason(user: Pick<AuthUser, 'role'>, raw: string | undefined): string | null {
  if (worksCases(user.role)) return null;
  const reason = (raw ?? '').trim();
  if (!reason) return null;
  const problem = readingReasonProblem(reason);
  if (problem) throw AppError.validation(problem, [{ field: REASON_PARAM, message: problem }]);
  return reason;
}

/** The refusal when an original is asked for without a reason and no masked copy exists. */
export function reasonRequired(what: string): AppError {
  return new AppError(
    403,
    'REASON_REQUIRED',
    `查看${what}原件须登记查阅事由（非办案人员查阅个人信息，将记入执法记录）`,
    [{ field: REASON_PARAM, message: '请填写查阅事由' }],
  );
}

export interface OriginalRead {
  /** What is opened: a case (the 案卷), or a record of one. */
  subject: { case: string } | { [K in CaseOwned]?: string };
  reason: string;
  method: string;
  path: string;
}

/**
 * Records a break-glass read — an original opened outside casework, with its reason — on the audit
 * record, before the bytes leave: if the entry cannot be written, nothing is served.
 */
@Injectable()
export class BreakGlass {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async record(user: AuthUser, read: OriginalRead): Promise<void> {
    await this.db.transaction(async (em) => {
      const [kind, id] = Object.entries(read.subject)[0] as ['case' | CaseOwned, string];
      const caseId = kind === 'case' ? id : await auditAccessRepository.caseOf(em, kind, id);
      await this.audit.record(em, {
        at: this.clock.now(),
        actorId: user.id,
        action: 'access.break_glass',
        caseId,
        detail: {
          readingReason: read.reason,
          role: user.role,
          method: read.method,
          path: read.path.split('?')[0].slice(0, 500),
          ...(kind !== 'case' && { [`${kind}Id`]: id }),
        },
      });
    });
  }
}
