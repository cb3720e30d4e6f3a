import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { PortalService } from '@app/portal';
import { MemberSigningService } from '@app/cases';
import { ApplicationDraftDto, MemberSignatureDto } from '../dto/application.dto';
import { MaterialsQueryDto, RegionQueryDto } from '../dto/portal.dto';
import { uuidPipe } from '../http/uuid.pipe';
import { AuditAccess } from '../http/audit-access';
import {
  AuthorizationSheetDto,
  AuthorizationTextDto,
  MaterialsChecklistDto,
  PortalCaseSummaryDto,
  PortalCaseViewDto,
  PortalIdentityDto,
  RegionDto,
} from '../dto/responses/portal.response';

@ApiTags('申请人')
@ApiBearerAuth()
@Controller()
export class PortalController {
  constructor(
    private readonly portal: PortalService,
    private readonly signing: MemberSigningService,
  ) {}

  /** The signed-in applicant's own applications. */
  @AuditAccess('case.list')
  @ApiOkResponse({ type: PortalCaseSummaryDto, isArray: true })
  @Get('portal/cases')
  @Requires('portal.own')
  cases(@CurrentUser() user: AuthUser) {
    return this.portal.myCases(user);
  }

  /** The name and resident ID the account applies as, which the application form locks. */
  @ApiOkResponse({ type: PortalIdentityDto })
  @Get('portal/identity')
  @Requires('portal.own')
  identity(@CurrentUser() user: AuthUser) {
    return this.portal.identity(user);
  }

  @AuditAccess('case.read', { case: 'id' })
  @ApiOkResponse({ type: PortalCaseViewDto })
  @Get('portal/cases/:id')
  @Requires('portal.own')
  caseView(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.portal.caseView(user, id);
  }

  /** The 核对授权书 text for a draft application, with the hash the signature must quote. */
  @ApiOkResponse({ type: AuthorizationTextDto })
  @Post('portal/authorization-text')
  @Requires('authorization.text')
  @HttpCode(200)
  authorizationText(@CurrentUser() user: AuthUser, @Body() body: ApplicationDraftDto) {
    return this.portal.authorizationText(user, body);
  }

  /** Who of the household has signed the 核对授权书 and who must still sign, with the text to sign. */
  @AuditAccess('case.read', { case: 'id' })
  @ApiOkResponse({ type: AuthorizationSheetDto })
  @Get('portal/cases/:id/authorization')
  @Requires('portal.own')
  authorizationSheet(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.signing.sheet(user, id);
  }

  /** A household member signs the 核对授权书 on the applicant's phone, one after another. */
  @ApiOkResponse({ type: AuthorizationSheetDto })
  @Post('portal/cases/:id/authorization-signatures')
  @Requires('portal.own')
  @HttpCode(200)
  signAuthorization(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: MemberSignatureDto,
    @Headers('user-agent') userAgent?: string,
    @Ip() ip?: string,
  ) {
    return this.signing.signOnline(user, id, body, { userAgent, ip });
  }

  /** The materials to bring for a program where the applicant lives (the region's policy parameters in force). */
  @ApiOkResponse({ type: MaterialsChecklistDto })
  @Get('portal/materials')
  @Requires('portal.own')
  materials(@CurrentUser() user: AuthUser, @Query() query: MaterialsQueryDto) {
    return this.portal.materials(user, query.program, query.regionCode);
  }

  /** Administrative divisions under a parent, for region pickers (any signed-in user). */
  @ApiOkResponse({ type: RegionDto, isArray: true })
  @Get('regions')
  @Requires('reference.read')
  regions(@Query() query: RegionQueryDto) {
    return this.portal.regions(query.parent);
  }
}
