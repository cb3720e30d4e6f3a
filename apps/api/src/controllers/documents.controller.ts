import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppError } from '@app/common';
import { AuthUser, CurrentUser, Public, Requires } from '@app/auth';
import { CaseService, documentSummary } from '@app/cases';
import { DocumentPipeline, VerificationService } from '@app/issuance';
import { PortalService } from '@app/portal';
import { uuidPipe } from '../http/uuid.pipe';
import { AuditAccess } from '../http/audit-access';
import { VerificationResultDto } from '../dto/responses/documents.response';
import { DocumentSummaryDto } from '../dto/responses/shared.response';
import { ApiFileResponse } from '../http/api-responses';
import { BreakGlass, REASON_PARAM, readingReason, reasonRequired } from '../http/break-glass';
import { worksCases } from '@app/assistance';

@ApiTags('文书')
@Controller()
export class DocumentsController {
  constructor(
    private readonly cases: CaseService,
    private readonly pipeline: DocumentPipeline,
    private readonly verification: VerificationService,
    private readonly breakGlass: BreakGlass,
    private readonly portal: PortalService,
  ) {}

  @ApiBearerAuth()
  @AuditAccess('document.read', { document: 'id' })
  @ApiOkResponse({ type: DocumentSummaryDto })
  @Get('documents/:id')
  @Requires('document.read')
  async document(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    const doc = await this.cases.document(user, id);
    if (user.role === 'applicant') await this.portal.assertVisibleToApplicant(user, doc);
    return documentSummary(doc);
  }

  @ApiBearerAuth()
  @AuditAccess('document.download', { document: 'id' })
  @ApiFileResponse('application/pdf')
  @ApiQuery({
    name: REASON_PARAM,
    required: false,
    description: '查阅事由：法制员、审计员、管理员查看原件时必填，否则得到脱敏副本',
  })
  @Get('documents/:id/pdf')
  @Requires('document.read')
  async pdf(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Req() req: { method: string; originalUrl: string },
    @Query(REASON_PARAM) rawReason?: string,
  ): Promise<StreamableFile> {
    const reason = readingReason(user, rawReason);
    const doc = await this.cases.document(user, id);
    const file = (bytes: Buffer, name: string) =>
      // Returned, not written to the response: the download is recorded before the bytes leave.
      new StreamableFile(bytes, {
        type: 'application/pdf',
        disposition: `inline; filename*=UTF-8''${encodeURIComponent(`${name}.pdf`)}`,
      });
    if (user.role === 'applicant') {
      // An applicant's download of an unserved decision is 送达 itself, or not yet theirs to have:
      // checked before any bytes are made, and recorded only once there are bytes to hand over.
      await this.portal.assertVisibleToApplicant(user, doc);
      const bytes = await this.pipeline.pdf(doc);
      await this.portal.releaseToApplicant(user, doc);
      return file(bytes, doc.title);
    }
    if (worksCases(user.role)) return file(await this.pipeline.pdf(doc), doc.title);
    if (reason) {
      await this.breakGlass.record(user, {
        subject: { document: doc.id },
        reason,
        method: req.method,
        path: req.originalUrl,
      });
      return file(await this.pipeline.pdf(doc), doc.title);
    }
    const masked = await this.pipeline.maskedCopy(doc);
    if (!masked) throw reasonRequired('该文书');
    return file(masked, `${doc.title}（脱敏副本）`);
  }

  @Public()
  @ApiOkResponse({ type: VerificationResultDto })
  @Get('verify/:code')
  verify(@Param('code') code: string) {
    return this.verification.verify(code);
  }

  /** Upload the PDF you hold (Content-Type: application/pdf): is it byte for byte the archived one? */
  @Public()
  @ApiOkResponse({ type: VerificationResultDto })
  @Post('verify/:code')
  @HttpCode(200)
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  verifyFile(@Param('code') code: string, @Body() body: unknown) {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new AppError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        '请上传 PDF 格式的文书（Content-Type: application/pdf）',
        [{ field: 'body', message: '应为 PDF 文件内容' }],
      );
    }
    // Checked by content, not by the declared type: a PNG sent as application/pdf is no notice.
    if (!body.subarray(0, 5).equals(Buffer.from('%PDF-', 'latin1'))) {
      throw AppError.validation('上传的文件不是 PDF 文书', [{ field: 'body', message: '文件内容不是 PDF' }]);
    }
    return this.verification.verify(code, body);
  }
}
