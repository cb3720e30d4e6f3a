import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppError } from '@app/common';
import { AuthUser, CurrentUser, Public, Requires } from '@app/auth';
import { CaseService, documentSummary } from '@app/cases';
import { DocumentPipeline, VerificationService } from '@app/issuance';
import { uuidPipe } from '../http/uuid.pipe';
import { AuditAccess } from '../http/audit-access';
import { VerificationResultDto } from '../dto/responses/documents.response';
import { DocumentSummaryDto } from '../dto/responses/shared.response';
import { ApiFileResponse } from '../http/api-responses';

@ApiTags('文书')
@Controller()
export class DocumentsController {
  constructor(
    private readonly cases: CaseService,
    private readonly pipeline: DocumentPipeline,
    private readonly verification: VerificationService,
  ) {}

  @ApiBearerAuth()
  @AuditAccess('document.read', { document: 'id' })
  @ApiOkResponse({ type: DocumentSummaryDto })
  @Get('documents/:id')
  @Requires('document.read')
  async document(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return documentSummary(await this.cases.document(user, id));
  }

  @ApiBearerAuth()
  @AuditAccess('document.download', { document: 'id' })
  @ApiFileResponse('application/pdf')
  @Get('documents/:id/pdf')
  @Requires('document.read')
  async pdf(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string): Promise<StreamableFile> {
    const doc = await this.cases.document(user, id);
    // Returned, not written to the response: the download is recorded before the bytes leave.
    return new StreamableFile(await this.pipeline.pdf(doc), {
      type: 'application/pdf',
      disposition: `inline; filename*=UTF-8''${encodeURIComponent(`${doc.title}.pdf`)}`,
    });
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
