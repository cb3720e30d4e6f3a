import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { AttachmentFile, AttachmentService } from '@app/case-file';
import { VoidAttachmentDto } from '../dto/attachment.dto';
import { uuidPipe } from '../http/uuid.pipe';
import { AuditAccess } from '../http/audit-access';
import { AttachmentDto } from '../dto/responses/attachments.response';
import { ApiFileResponse } from '../http/api-responses';
import { BreakGlass, REASON_PARAM, readingReason, reasonRequired } from '../http/break-glass';
import { worksCases } from '@app/assistance';

type HeaderResponse = { setHeader(k: string, v: string): void };

/** Returned, not written: the read is recorded in the audit trail before the bytes leave. */
function send(res: HeaderResponse, file: AttachmentFile): StreamableFile {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Stored bytes never change (content-addressed), only who may read them does.
  res.setHeader('Cache-Control', 'private, max-age=3600');
  return new StreamableFile(file.bytes, {
    type: file.contentType,
    disposition: `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  });
}

@ApiTags('案件附件')
@ApiBearerAuth()
@Controller()
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentService,
    private readonly breakGlass: BreakGlass,
  ) {}

  /**
   * A file of the case leaves for a reader who does not work cases only with a recorded 查阅事由
   * (there is no masked copy of a photo or a scan); caseworkers of the region read it as before.
   */
  private async mayOpen(
    user: AuthUser,
    id: string,
    req: { method: string; originalUrl: string },
    rawReason: string | undefined,
  ): Promise<void> {
    if (worksCases(user.role)) return;
    const reason = readingReason(user, rawReason);
    if (!reason) throw reasonRequired('附件');
    await this.breakGlass.record(user, {
      subject: { attachment: id },
      reason,
      method: req.method,
      path: req.originalUrl,
    });
  }

  /**
   * The request body is the file itself (Content-Type image/jpeg, image/png or application/pdf);
   * the metadata travels URL-encoded in the query string.
   */
  @ApiCreatedResponse({ type: AttachmentDto })
  @Post('cases/:id/attachments')
  @Requires('attachment.upload')
  @ApiConsumes('image/jpeg', 'image/png', 'application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'kind', enum: ['home_visit_photo', 'scan', 'other'] })
  @ApiQuery({ name: 'fileName', required: false })
  @ApiQuery({ name: 'takenAt', required: false, description: '拍摄时间，如 2026-11-20T10:30:00+08:00' })
  @ApiQuery({ name: 'place', required: false, description: '拍摄地点' })
  @ApiQuery({ name: 'note', required: false })
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) caseId: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Query('kind') kind?: string,
    @Query('fileName') fileName?: string,
    @Query('takenAt') takenAt?: string,
    @Query('place') place?: string,
    @Query('note') note?: string,
  ) {
    return this.attachments.upload(user, caseId, {
      contentType,
      body,
      query: { kind, fileName, takenAt, place, note },
    });
  }

  /**
   * The applicant uploads material (补正) to their own application from the portal; the body is
   * the file itself (image/jpeg, image/png or application/pdf), its name in the query.
   */
  @ApiCreatedResponse({ type: AttachmentDto })
  @Post('portal/cases/:id/attachments')
  @Requires('portal.own')
  @ApiConsumes('image/jpeg', 'image/png', 'application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'fileName', required: false })
  @ApiQuery({ name: 'note', required: false, description: '材料名称，如“户口簿复印件”' })
  uploadOwn(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) caseId: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Query('fileName') fileName?: string,
    @Query('note') note?: string,
  ) {
    return this.attachments.uploadOwn(user, caseId, { contentType, body, fileName, note });
  }

  /** The applicant's own uploads to their application. */
  @ApiOkResponse({ type: AttachmentDto, isArray: true })
  @Get('portal/cases/:id/attachments')
  @Requires('portal.own')
  listOwn(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) caseId: string) {
    return this.attachments.listOwn(user, caseId);
  }

  @AuditAccess('attachment.list', { case: 'id' })
  @ApiOkResponse({ type: AttachmentDto, isArray: true })
  @Get('cases/:id/attachments')
  @Requires('attachment.read')
  list(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) caseId: string) {
    return this.attachments.list(user, caseId);
  }

  @AuditAccess('attachment.download', { attachment: 'id' })
  @ApiFileResponse('image/jpeg', 'image/png', 'application/pdf')
  @Get('attachments/:id/content')
  @Requires('attachment.read')
  @ApiQuery({
    name: REASON_PARAM,
    required: false,
    description: '查阅事由：法制员、审计员、管理员查看附件时必填',
  })
  async content(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Res({ passthrough: true }) res: HeaderResponse,
    @Req() req: { method: string; originalUrl: string },
    @Query(REASON_PARAM) reason?: string,
  ) {
    // Read first: who may not read the case at all hears so, before any reason is asked of them.
    const file = await this.attachments.content(user, id);
    await this.mayOpen(user, id, req, reason);
    return send(res, file);
  }

  @AuditAccess('attachment.thumbnail', { attachment: 'id' })
  @ApiFileResponse('image/jpeg')
  @Get('attachments/:id/thumbnail')
  @Requires('attachment.read')
  @ApiQuery({
    name: REASON_PARAM,
    required: false,
    description: '查阅事由：法制员、审计员、管理员查看附件时必填',
  })
  async thumbnail(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Res({ passthrough: true }) res: HeaderResponse,
    @Req() req: { method: string; originalUrl: string },
    @Query(REASON_PARAM) reason?: string,
  ) {
    // Read first: who may not read the case at all hears so, before any reason is asked of them.
    const file = await this.attachments.thumbnail(user, id);
    await this.mayOpen(user, id, req, reason);
    return send(res, file);
  }

  /** The browser's small JPEG preview of an uploaded photo (Content-Type image/jpeg), once. */
  @ApiOkResponse({ type: AttachmentDto })
  @Put('attachments/:id/thumbnail')
  @Requires('attachment.upload')
  @ApiConsumes('image/jpeg')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  setThumbnail(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ) {
    return this.attachments.setThumbnail(user, id, { contentType, body });
  }

  /** Attachments are never deleted; a wrong one is marked 作废 with the reason. */
  @ApiOkResponse({ type: AttachmentDto })
  @Post('attachments/:id/void')
  @Requires('attachment.upload')
  @HttpCode(200)
  void(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: VoidAttachmentDto,
  ) {
    return this.attachments.void(user, id, body.reason);
  }
}
