import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppError } from '@app/common';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { HouseholdImportService, buildTemplateWorkbook } from '@app/household-import';
import { ImportResultDto } from '../dto/responses/household-import.response';
import { ApiFileResponse } from '../http/api-responses';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('家庭批量导入')
@ApiBearerAuth()
@Controller('households')
export class HouseholdImportController {
  constructor(private readonly imports: HouseholdImportService) {}

  @ApiFileResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Get('import-template')
  @Requires('household.import')
  async template(@Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    res.setHeader('Content-Type', XLSX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent('家庭导入模板.xlsx')}`,
    );
    res.end(await buildTemplateWorkbook());
  }

  /** Upload the filled workbook as the request body (Content-Type: the .xlsx type). */
  @ApiOkResponse({ type: ImportResultDto })
  @Post('import')
  @Requires('household.import')
  @HttpCode(200)
  @ApiConsumes(XLSX)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'validOnly', required: false, description: 'true：有错误时只导入无误的家庭' })
  import(@CurrentUser() user: AuthUser, @Body() body: unknown, @Query('validOnly') validOnly?: string) {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请上传 Excel 工作簿（.xlsx）', [
        { field: 'body', message: `Content-Type 应为 ${XLSX}` },
      ]);
    }
    if (validOnly !== undefined && validOnly !== 'true' && validOnly !== 'false') {
      throw AppError.validation('validOnly 只能为 true 或 false', [
        { field: 'validOnly', message: '只能为 true 或 false' },
      ]);
    }
    return this.imports.import(user, body, { validOnly: validOnly === 'true' });
  }
}
