import { Body, Controller, Get, Headers, Ip, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { CaseDeadlinesService, CaseTimeLimitService, ServiceRecordService } from '@app/delivery';
import {
  ConsentPreviewDto,
  ElectronicConsentDto,
  PaperConsentDto,
  TimeLimitExtensionDto,
} from '../dto/service.dto';
import { uuidPipe } from '../http/uuid.pipe';
import { AuditAccess } from '../http/audit-access';
import { CaseServiceDto, ConsentTextDto, PortalServiceDto } from '../dto/responses/service.response';
import { ServiceConsentRecordDto, TimeLimitDto } from '../dto/responses/shared.response';

@ApiTags('送达与期限')
@ApiBearerAuth()
@Controller()
export class ServiceController {
  constructor(
    private readonly records: ServiceRecordService,
    private readonly deadlines: CaseDeadlinesService,
    private readonly timeLimits: CaseTimeLimitService,
  ) {}

  /** 送达记录, 电子送达确认 and the whole-case time limit of a case. */
  @AuditAccess('case.service.read', { case: 'id' })
  @ApiOkResponse({ type: CaseServiceDto })
  @Get('cases/:id/service')
  @Requires('service.read')
  caseService(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.deadlines.forStaff(user, id);
  }

  /** The window clerk records a 送达地址及电子送达确认书 the recipient signed on paper. */
  @ApiCreatedResponse({ type: ServiceConsentRecordDto })
  @Post('cases/:id/service-consents')
  @Requires('service.paper_consent')
  paperConsent(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: PaperConsentDto,
  ) {
    return this.records.recordPaper(user, id, body);
  }

  /** 延长办理期限: the county approves once, with reasons, up to the extended limit. */
  @ApiCreatedResponse({ type: TimeLimitDto })
  @Post('cases/:id/time-limit-extension')
  @Requires('case.time_limit')
  extend(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: TimeLimitExtensionDto,
  ) {
    return this.timeLimits.extend(user, id, body.reason);
  }

  /** The applicant's 送达 and remedy deadlines (可于X年X月X日前申请行政复议). */
  @AuditAccess('case.service.read', { case: 'id' })
  @ApiOkResponse({ type: PortalServiceDto })
  @Get('portal/cases/:id/service')
  @Requires('portal.own')
  portalService(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.deadlines.forApplicant(user, id);
  }

  /** The 电子送达确认书 text the applicant reads before signing. */
  @ApiCreatedResponse({ type: ConsentTextDto })
  @Post('portal/cases/:id/e-service-consent/preview')
  @Requires('portal.own')
  consentPreview(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: ConsentPreviewDto,
  ) {
    return this.records.consentPreview(user, id, body.address ?? '');
  }

  /** The applicant signs the 电子送达确认书 online. */
  @ApiCreatedResponse({ type: ServiceConsentRecordDto })
  @Post('portal/cases/:id/e-service-consent')
  @Requires('portal.own')
  signConsent(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: ElectronicConsentDto,
    @Headers('user-agent') userAgent?: string,
    @Ip() ip?: string,
  ) {
    return this.records.signOnline(user, id, body, { userAgent, ip });
  }
}
