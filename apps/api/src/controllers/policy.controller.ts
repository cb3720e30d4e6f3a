import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppError, Clock } from '@app/common';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { AssessmentService, PolicyParametersService } from '@app/cases';
import { AssessDto, PublishParametersDto } from '../dto/policy.dto';
import { uuidPipe } from '../http/uuid.pipe';
import { calendarDatePipe } from '../http/calendar-date';
import {
  AssessmentCreatedDto,
  AssessmentRerunDto,
  PolicyParametersDto,
  StoredAssessmentDto,
} from '../dto/responses/policy.response';
import { AuditAccess } from '../http/audit-access';

/** The region code a query names: 6 (county) to 12 (village) digits. */
function requireRegionCode(regionCode: string | undefined): asserts regionCode is string {
  if (!regionCode || !/^\d{6,12}$/.test(regionCode)) {
    throw AppError.validation('请提供行政区划代码', [{ field: 'regionCode', message: '应为6–12位数字' }]);
  }
}

@ApiTags('救助政策参数与家庭经济状况测算')
@ApiBearerAuth()
@Controller()
export class PolicyController {
  constructor(
    private readonly policy: PolicyParametersService,
    private readonly assessments: AssessmentService,
    private readonly clock: Clock,
  ) {}

  @ApiOkResponse({ type: PolicyParametersDto })
  @Get('policy-parameters/resolve')
  @Requires('policy.read')
  async resolve(
    @Query('regionCode') regionCode?: string,
    @Query('date', calendarDatePipe('date', '日期')) date?: string,
  ) {
    requireRegionCode(regionCode);
    return this.policy.resolveNow(regionCode, date ?? this.clock.today());
  }

  @ApiOkResponse({ type: PolicyParametersDto, isArray: true })
  @Get('policy-parameters')
  @Requires('policy.read')
  history(@Query('regionCode') regionCode: string) {
    requireRegionCode(regionCode);
    return this.policy.history(regionCode);
  }

  @ApiCreatedResponse({ type: PolicyParametersDto })
  @Post('policy-parameters')
  @Requires('policy.publish')
  publish(@CurrentUser() user: AuthUser, @Body() body: PublishParametersDto) {
    return this.policy.publish(user, body);
  }

  @ApiCreatedResponse({ type: AssessmentCreatedDto })
  @Post('assessments')
  @Requires('assessment.run')
  async assess(@CurrentUser() user: AuthUser, @Body() body: AssessDto) {
    if (!body.regionCode.startsWith(user.regionCode))
      throw AppError.forbidden('该行政区划不在您的管辖范围内');
    const row = await this.assessments.evaluate(user, body);
    return {
      id: row.id,
      parametersId: row.parametersId,
      assessmentDate: row.assessmentDate,
      result: row.result,
    };
  }

  @AuditAccess('assessment.read', { assessment: 'id' })
  @ApiOkResponse({ type: StoredAssessmentDto })
  @Get('assessments/:id')
  @Requires('assessment.read')
  async get(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    const row = await this.assessments.read(user, id, 'assessment.read');
    return {
      id: row.id,
      caseId: row.caseId,
      parametersId: row.parametersId,
      assessmentDate: row.assessmentDate,
      result: row.result,
    };
  }

  @ApiOkResponse({ type: AssessmentRerunDto })
  @Post('assessments/:id/rerun')
  @Requires('assessment.rerun')
  @HttpCode(200)
  rerun(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.assessments.rerun(user, id);
  }
}
