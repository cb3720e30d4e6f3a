import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, from, mergeMap } from 'rxjs';
import { Clock } from '@app/common';
import { AuditService } from '@app/audit';
import { Database } from '@app/persistence';
import { CaseOwned, auditAccessRepository } from './audit-access.repository';

/** The route parameter that names what was read, and which table it is a key of. */
type Subject =
  | { case: string }
  | { document: string }
  | { attachment: string }
  | { task: string }
  | { assessment: string };

interface AccessMeta {
  action: string;
  subject?: Subject;
}

export const ACCESS_KEY = 'sa:audit-access';
/** Reads are told apart from acts by this prefix (the case timeline shows acts only). */
export const ACCESS_PREFIX = 'access.';

/**
 * Marks an endpoint that hands out personal data (a case, a notice, a photo, a list of households)
 * or exports it: every successful call is recorded in the audit trail with who, when, what and
 * from where, before the response leaves (a read whose record cannot be written is not served).
 */
export const AuditAccess = (action: string, subject?: Subject) =>
  SetMetadata(ACCESS_KEY, { action, subject } satisfies AccessMeta);

interface Req {
  method: string;
  originalUrl: string;
  params: Record<string, string>;
  user?: { id: string };
}

@Injectable()
export class AuditAccessInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const meta = this.reflector.get<AccessMeta | undefined>(ACCESS_KEY, context.getHandler());
    if (!meta) return next.handle();
    const req = context.switchToHttp().getRequest<Req>();
    return next.handle().pipe(mergeMap((body) => from(this.record(meta, req).then(() => body))));
  }

  private async record(meta: AccessMeta, req: Req): Promise<void> {
    const [kind, param] = meta.subject
      ? (Object.entries(meta.subject)[0] as ['case' | CaseOwned, string])
      : [];
    const subjectId = param ? req.params[param] : undefined;
    let caseId: string | null = null;
    if (kind === 'case') caseId = subjectId ?? null;
    else if (kind && subjectId)
      caseId = await this.db.read((em) => auditAccessRepository.caseOf(em, kind, subjectId));
    // Batched with the reads of other requests (one statement), and committed before the answer goes out.
    await this.audit.recordAlone({
      at: this.clock.now(),
      actorId: req.user?.id ?? null,
      action: `${ACCESS_PREFIX}${meta.action}`,
      caseId,
      detail: {
        method: req.method,
        path: req.originalUrl.slice(0, 500),
        ...(kind && kind !== 'case' && subjectId ? { [`${kind}Id`]: subjectId } : {}),
      },
    });
  }
}
