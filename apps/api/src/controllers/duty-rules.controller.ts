import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { DutyService } from '@app/cases';
import { DutyRulesDto, DutyRulesQueryDto } from '../dto/duty-rules.dto';
import { DutyRuleSetDto, DutyRulesOverviewDto } from '../dto/responses/duty-rules.response';

@ApiTags('职责分离与回避')
@ApiBearerAuth()
@Controller('duty-rules')
export class DutyRulesController {
  constructor(private readonly duties: DutyService) {}

  /** The rules in force for a region today, and the versions published for it. */
  @ApiOkResponse({ type: DutyRulesOverviewDto })
  @Get()
  @Roles('admin', 'auditor', 'legal_officer', 'county_approver')
  async get(@Query() query: DutyRulesQueryDto) {
    return {
      inForce: await this.duties.inForce(query.regionCode),
      history: await this.duties.history(query.regionCode),
    };
  }

  @ApiCreatedResponse({ type: DutyRuleSetDto })
  @Post()
  @Roles('admin')
  publish(@CurrentUser() user: AuthUser, @Body() body: DutyRulesDto) {
    return this.duties.publish(user, body);
  }
}
