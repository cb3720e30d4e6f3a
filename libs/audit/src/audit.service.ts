import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntity } from '@app/persistence';

export interface AuditInput {
  actorId: string | null;
  action: string;
  caseId?: string | null;
  detail?: unknown;
  at: Date;
}

/** 执法全过程记录: written in the same transaction as the action it records. */
@Injectable()
export class AuditService {
  async record(em: EntityManager, input: AuditInput): Promise<void> {
    await em.getRepository(AuditEntity).insert({
      at: input.at,
      actorId: input.actorId,
      action: input.action,
      caseId: input.caseId ?? null,
      detail: (input.detail ?? null) as object,
    });
  }

  forCase(em: EntityManager, caseId: string): Promise<AuditEntity[]> {
    return em.getRepository(AuditEntity).find({ where: { caseId }, order: { id: 'ASC' } });
  }
}
