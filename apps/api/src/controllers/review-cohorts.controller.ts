import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { BenefitQueryService, ReviewCohortService } from '@app/benefits';
import { GenerateReviewCohortDto } from '../dto/review-cohort.dto';
import { uuidPipe } from '../http/uuid.pipe';
import {
  CaseBenefitsDto,
  ReviewCohortCreatedDto,
  ReviewCohortDto,
  ReviewCohortSummaryDto,
} from '../dto/responses/review-cohorts.response';
import { AuditAccess } from '../http/audit-access';

@ApiTags('动态管理：定期核查批次')
@ApiBearerAuth()
@Controller('review-cohorts')
export class ReviewCohortsController {
  constructor(private readonly cohorts: ReviewCohortService) {}

  /** 201 with a new cohort; 200 with the one already recorded for the region and month. */
  @ApiCreatedResponse({ type: ReviewCohortCreatedDto, description: '新生成的批次' })
  @ApiOkResponse({ type: ReviewCohortCreatedDto, description: '该地区该月已有批次：返回已有的' })
  @Post()
  @Requires('review_cohort.manage')
  async generate(
    @CurrentUser() user: AuthUser,
    @Body() body: GenerateReviewCohortDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { created, cohortId } = await this.cohorts.generate(user, body);
    res.status(created ? 201 : 200);
    return { created, ...(await this.cohorts.detail(user, cohortId)) };
  }

  @ApiOkResponse({ type: ReviewCohortSummaryDto, isArray: true })
  @Get()
  @Requires('review_cohort.manage')
  list(@CurrentUser() user: AuthUser) {
    return this.cohorts.list(user);
  }

  @AuditAccess('review-cohort.read')
  @ApiOkResponse({ type: ReviewCohortDto })
  @Get(':id')
  @Requires('review_cohort.manage')
  detail(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.cohorts.detail(user, id);
  }
}

@ApiTags('动态管理：保障金台账')
@ApiBearerAuth()
@Controller('benefits')
export class BenefitsController {
  constructor(private readonly benefits: BenefitQueryService) {}

  /** The beneficiary's current benefit, status, next review and every grant and change. */
  @AuditAccess('case.benefits.read', { case: 'caseId' })
  @ApiOkResponse({ type: CaseBenefitsDto })
  @Get(':caseId')
  @Requires('review_cohort.read')
  forCase(@CurrentUser() user: AuthUser, @Param('caseId', uuidPipe('caseId')) caseId: string) {
    return this.benefits.forCase(user, caseId);
  }
}
