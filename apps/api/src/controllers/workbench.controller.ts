import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { WorkbenchService } from '@app/cases';
import { uuidPipe } from '../http/uuid.pipe';
import { AuditAccess } from '../http/audit-access';
import {
  CaseDiagramDto,
  DocumentPreviewListDto,
  CaseStaffMemberDto,
} from '../dto/responses/workbench.response';
import { ApiJsonOrFileResponse } from '../http/api-responses';

export class PreviewTaskDto {
  @ApiProperty({ description: '拟提交的表单数据（与办理时相同）', example: { decision: 'accept' } })
  @IsObject({ message: '表单数据必须是对象' })
  data!: Record<string, unknown>;
}

/** The clerk workbench: where a case stands in its model, and previews of documents before issuing. */
@ApiTags('经办工作台')
@ApiBearerAuth()
@Controller()
export class WorkbenchController {
  constructor(private readonly workbench: WorkbenchService) {}

  @ApiOkResponse({ type: CaseDiagramDto })
  @Get('cases/:id/diagram')
  @Requires('case.read')
  diagram(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.workbench.diagram(user, id);
  }

  /** The accounts a staff-picker form field offers: holders of the duty whose jurisdiction covers the case. */
  @ApiOkResponse({ type: CaseStaffMemberDto, isArray: true })
  @Get('cases/:id/staff')
  @Requires('case.read')
  @ApiQuery({ name: 'duty', required: true, description: '职责（办理角色），如 investigator' })
  staff(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string, @Query('duty') duty: string) {
    return this.workbench.staff(user, id, String(duty ?? ''));
  }

  /** One document → its PDF; several → their list, and `?template=` fetches each. */
  @AuditAccess('document.preview', { task: 'id' })
  @ApiJsonOrFileResponse(DocumentPreviewListDto, 'application/pdf')
  @Post('tasks/:id/preview')
  @Requires('task.complete')
  @HttpCode(200)
  @ApiQuery({ name: 'template', required: false, description: '要预览的文书模板（该步骤出具多份文书时）' })
  async preview(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: PreviewTaskDto,
    @Query('template') template?: string,
  ) {
    const result = await this.workbench.preview(user, id, body.data, template || undefined);
    if (result.kind === 'list') return { documents: result.documents };
    return new StreamableFile(result.pdf, {
      type: 'application/pdf',
      disposition: `inline; filename*=UTF-8''${encodeURIComponent(`${result.title}（预览）.pdf`)}`,
    });
  }
}
