import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { OverdueReportService } from '@app/cases';
import { OverdueQueryDto } from '../dto/service.dto';
import { AuditAccess } from '../http/audit-access';

type Response = {
  setHeader(k: string, v: string): void;
  status(code: number): Response;
  send(body: unknown): void;
};

@ApiTags('报表')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly overdue: OverdueReportService) {}

  /** 超时通报 per township of the user's region; `format=csv` downloads it. */
  @AuditAccess('report.overdue.export')
  @Get('overdue')
  @Roles('township_reviewer', 'county_approver', 'admin')
  async overdueReport(@CurrentUser() user: AuthUser, @Query() query: OverdueQueryDto, @Res() res: Response) {
    if (query.format === 'csv') {
      const { fileName, body } = await this.overdue.csv(user, query.asOf);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).send(body);
      return;
    }
    res.status(200).send(await this.overdue.report(user, query.asOf));
  }
}
