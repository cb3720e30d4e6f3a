import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { worksCases } from '@app/assistance';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { CaseFileService } from '@app/case-file';
import { uuidPipe } from '../http/uuid.pipe';
import { ApiFileResponse } from '../http/api-responses';
import { BreakGlass, REASON_PARAM, readingReason, reasonRequired } from '../http/break-glass';

@ApiTags('案卷')
@ApiBearerAuth()
@Controller('cases')
export class CaseFileController {
  constructor(
    private readonly caseFiles: CaseFileService,
    private readonly breakGlass: BreakGlass,
  ) {}

  /** The 案卷 as a ZIP: 卷内目录 (PDF, CSV), the archived documents, the attachments, manifest.json. */
  @ApiFileResponse('application/zip')
  @Get(':id/case-file')
  @Requires('case.file')
  @ApiProduces('application/zip')
  @ApiQuery({ name: REASON_PARAM, required: false, description: '查阅事由：法制员、管理员导出案卷时必填' })
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void },
    @Req() req: { method: string; originalUrl: string },
    @Query(REASON_PARAM) rawReason?: string,
  ) {
    // The 案卷 holds every original: outside casework it leaves only with a recorded reason.
    const reason = readingReason(user, rawReason);
    if (!worksCases(user.role) && !reason) throw reasonRequired('案卷');
    const { fileName, zip } = await this.caseFiles.export(user, id, async () => {
      if (reason) {
        await this.breakGlass.record(user, {
          subject: { case: id },
          reason,
          method: req.method,
          path: req.originalUrl,
        });
      }
    });
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(zip);
  }
}
