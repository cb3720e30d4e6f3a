import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { worksCases } from '@app/assistance';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { ReviewDefenceService } from '@app/review-defence';
import { uuidPipe } from '../http/uuid.pipe';
import { ApiFileResponse } from '../http/api-responses';
import { ReviewDefenceDto } from '../dto/review-defence.dto';
import { BreakGlass } from '../http/break-glass';

@ApiTags('案卷')
@ApiBearerAuth()
@Controller('cases')
export class ReviewDefenceController {
  constructor(
    private readonly defences: ReviewDefenceService,
    private readonly breakGlass: BreakGlass,
  ) {}

  /**
   * The 行政复议答复 package of a decided case as a ZIP: the signed PDF with its 目录 (答复书 draft,
   * decision, data snapshot and 计算明细, documents with their 送达, audit trail, versions) and the
   * originals beside it. Made on request, since the answer is due within ten days of the copy.
   */
  @ApiFileResponse('application/zip')
  @Post(':id/review-defence')
  @HttpCode(200)
  @Requires('case.review_defence')
  @ApiProduces('application/zip')
  async build(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: ReviewDefenceDto,
    @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void },
    @Req() req: { method: string; originalUrl: string },
  ) {
    // The package holds the originals: a legal officer opens them for the answer, and that purpose
    // is the 查阅事由 on the record before any byte leaves.
    const { fileName, zip } = await this.defences.build(user, id, body, async () => {
      if (worksCases(user.role)) return;
      await this.breakGlass.record(user, {
        subject: { case: id },
        reason: `制作行政复议答复材料（${body.applicationReceivedOn}收到行政复议申请书副本）`,
        method: req.method,
        path: req.originalUrl,
      });
    });
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(zip);
  }
}
