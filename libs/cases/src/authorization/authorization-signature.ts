import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppError, ErrorDetail } from '@app/common';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/auth';
import { AuthorizationSignatureEntity } from '@app/persistence';
import { TemplateStore } from '@app/issuance';
import { AuthorizationDraft, renderAuthorizationText } from './authorization-text';
import { authorizationSignatureRepository } from './authorization-signature.repository';

/** The applicant's online signature as submitted with the application. */
export interface AuthorizationInput {
  signerName: string;
  accepted: boolean;
  /** sha256 of the authorization text the signer was shown (from POST /api/portal/authorization-text). */
  textHash: string;
}

/** Where the signature came from, kept as evidence. */
export interface ClientInfo {
  userAgent?: string | null;
  ip?: string | null;
}

/**
 * Applicants apply without a clerk witnessing the paper 授权书, so they must sign online; the
 * signature is the applicant's own name exactly as on the application.
 */
export function authorizationProblems(
  user: AuthUser,
  applicantName: string,
  authorization: AuthorizationInput | undefined,
): ErrorDetail[] {
  if (!authorization) {
    return user.role === 'applicant'
      ? [{ field: 'authorization', message: '请阅读并签署家庭经济状况核对授权书' }]
      : [];
  }
  const problems: ErrorDetail[] = [];
  if (authorization.accepted !== true)
    problems.push({ field: 'authorization.accepted', message: '须同意授权后方可申请' });
  if (authorization.signerName.trim() !== applicantName.trim())
    problems.push({ field: 'authorization.signerName', message: `签名应与申请人姓名“${applicantName}”一致` });
  return problems;
}

/**
 * Records the signature in the application's transaction, after checking the signer read the
 * text this application prints (same household, same template version).
 */
export async function recordAuthorizationSignature(
  em: EntityManager,
  deps: { templates: TemplateStore; audit: AuditService },
  input: {
    user: AuthUser;
    caseId: string;
    draft: AuthorizationDraft;
    authorization: AuthorizationInput;
    client?: ClientInfo;
    now: Date;
  },
): Promise<void> {
  const text = await renderAuthorizationText(em, deps.templates, input.draft, input.now);
  if (text.textHash !== input.authorization.textHash) {
    throw AppError.validation('授权书内容已变化，请重新阅读后签署', [
      {
        field: 'authorization.textHash',
        message: '授权书内容已变化（家庭成员或授权书版本有更新），请重新阅读后签署',
      },
    ]);
  }
  const row: AuthorizationSignatureEntity = {
    id: randomUUID(),
    caseId: input.caseId,
    signerName: input.authorization.signerName.trim(),
    signerIdNumber: input.draft.applicant.idNumber,
    signedBy: input.user.id,
    signedAt: input.now,
    templateId: text.templateId,
    templateVersion: text.templateVersion,
    templateHash: text.templateHash,
    textHash: text.textHash,
    text: text.markup,
    userAgent: input.client?.userAgent?.slice(0, 500) || null,
    ip: input.client?.ip || null,
    method: 'online',
    attachmentId: null,
  };
  await authorizationSignatureRepository.insert(em, row);
  await deps.audit.record(em, {
    at: input.now,
    actorId: input.user.id,
    action: 'authorization.sign',
    caseId: input.caseId,
    detail: {
      signatureId: row.id,
      signerName: row.signerName,
      templateVersion: row.templateVersion,
      textHash: row.textHash,
    },
  });
}
