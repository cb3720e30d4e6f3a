import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { CaseFileService } from '@app/case-file';
import { uuidPipe } from '../http/uuid.pipe';
import { ApiFileResponse } from '../http/api-responses';

@ApiTags('案卷')
@ApiBearerAuth()
@Controller('cases')
export class CaseFileController {
  constructor(private readonly caseFiles: CaseFileService) {}

  /** The 案卷 as a ZIP: 卷内目录 (PDF, CSV), the archived documents, the attachments, manifest.json. */
  @ApiFileResponse('application/zip')
  @Get(':id/case-file')
  @Requires('case.file')
  @ApiProduces('application/zip')
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void },
  ) {
    const { fileName, zip } = await this.caseFiles.export(user, id);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(zip);
  }
}
