import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { DutyService } from '@app/cases';
import { DutyRulesDecisionDto, DutyRulesDto, DutyRulesQueryDto } from '../dto/duty-rules.dto';
import {
  DutyRuleSetDto,
  DutyRulesOverviewDto,
  DutyRulesProposalDto,
} from '../dto/responses/duty-rules.response';
import { uuidPipe } from '../http/uuid.pipe';

@ApiTags('职责分离与回避')
@ApiBearerAuth()
@Controller('duty-rules')
export class DutyRulesController {
  constructor(private readonly duties: DutyService) {}

  /** The rules in force for a region today (the national floor included), and its versions. */
  @ApiOkResponse({ type: DutyRulesOverviewDto })
  @Get()
  @Requires('duty_rules.read')
  async get(@Query() query: DutyRulesQueryDto) {
    return {
      inForce: await this.duties.inForce(query.regionCode),
      history: await this.duties.history(query.regionCode),
    };
  }

  /** Publishes rules as strict as those in force or stricter; a relaxation answers 409 FOUR_EYES_REQUIRED. */
  @ApiCreatedResponse({ type: DutyRuleSetDto })
  @Post()
  @Requires('duty_rules.publish')
  publish(@CurrentUser() user: AuthUser, @Body() body: DutyRulesDto) {
    return this.duties.publish(user, body);
  }

  /** Changes waiting for (or decided by) a second administrator, within the reader's region. */
  @ApiOkResponse({ type: DutyRulesProposalDto, isArray: true })
  @Get('proposals')
  @Requires('duty_rules.read')
  proposals(@CurrentUser() user: AuthUser) {
    return this.duties.proposals(user);
  }

  /** Submits a change (a relaxation) for a second administrator's approval. */
  @ApiCreatedResponse({ type: DutyRulesProposalDto })
  @Post('proposals')
  @Requires('duty_rules.publish')
  propose(@CurrentUser() user: AuthUser, @Body() body: DutyRulesDto) {
    return this.duties.propose(user, body);
  }

  @ApiCreatedResponse({ type: DutyRulesProposalDto })
  @Post('proposals/:id/approve')
  @Requires('duty_rules.publish')
  approve(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: DutyRulesDecisionDto,
  ) {
    return this.duties.decide(user, id, true, body.reason);
  }

  @ApiCreatedResponse({ type: DutyRulesProposalDto })
  @Post('proposals/:id/reject')
  @Requires('duty_rules.publish')
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: DutyRulesDecisionDto,
  ) {
    return this.duties.decide(user, id, false, body.reason);
  }
}
