import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { OverdueReportService } from '@app/supervision';
import { OverdueQueryDto } from '../dto/service.dto';
import { AuditAccess } from '../http/audit-access';
import { OverdueReportDto } from '../dto/responses/reports.response';
import { ApiJsonOrFileResponse } from '../http/api-responses';

type HeaderResponse = { setHeader(k: string, v: string): void };

@ApiTags('报表')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly overdue: OverdueReportService) {}

  /** 超时通报 per township of the user's region; `format=csv` downloads it. */
  @AuditAccess('report.overdue.export')
  @ApiJsonOrFileResponse(OverdueReportDto, 'text/csv')
  @Get('overdue')
  @Requires('report.overdue')
  async overdueReport(
    @CurrentUser() user: AuthUser,
    @Query() query: OverdueQueryDto,
    @Res({ passthrough: true }) res: HeaderResponse,
  ) {
    // Returned, not sent: the export is recorded in the audit trail before the response leaves.
    if (query.format !== 'csv') return this.overdue.report(user, query.asOf);
    const { fileName, body } = await this.overdue.csv(user, query.asOf);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(Buffer.from(body, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
  }
}
