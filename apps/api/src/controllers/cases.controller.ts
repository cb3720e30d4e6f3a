import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { CaseDeadlinesService } from '@app/delivery';
import { CaseService, MemberSigningService, ProcedureService } from '@app/cases';
import { ApplicationDto, WindowSignatureDto } from '../dto/application.dto';
import { AuthorizationSheetDto } from '../dto/responses/portal.response';
import { EconomicsDto } from '../dto/policy.dto';
import { StartProcedureDto } from '../dto/procedure.dto';
import { uuidPipe } from '../http/uuid.pipe';
import { AuditAccess } from '../http/audit-access';
import {
  CaseDetailDto,
  CaseDto,
  CaseIdentityDto,
  CaseListItemDto,
  ProcedureOverviewDto,
} from '../dto/responses/cases.response';

@ApiTags('案件')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CaseService,
    private readonly procedures: ProcedureService,
    private readonly deadlines: CaseDeadlinesService,
    private readonly signing: MemberSigningService,
  ) {}

  @ApiCreatedResponse({ type: CaseDto })
  @Post()
  @Requires('case.apply')
  apply(
    @CurrentUser() user: AuthUser,
    @Body() body: ApplicationDto,
    @Headers('user-agent') userAgent?: string,
    @Ip() ip?: string,
  ) {
    return this.cases.apply(user, { ...body, client: { userAgent, ip } });
  }

  /** The window records a member's paper signature of the 核对授权书 (the scan uploaded as a material). */
  @ApiOkResponse({ type: AuthorizationSheetDto })
  @Post(':id/authorization-signatures')
  @Requires('case.apply')
  @HttpCode(200)
  signAuthorizationAtWindow(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: WindowSignatureDto,
  ) {
    return this.signing.signAtWindow(user, id, body);
  }

  /** Who of the household has signed the 核对授权书 and who must still sign (for the window). */
  @AuditAccess('case.authorization.read', { case: 'id' })
  @ApiOkResponse({ type: AuthorizationSheetDto })
  @Get(':id/authorization-signatures')
  @Requires('case.read')
  authorizationSheet(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.signing.sheetForStaff(user, id);
  }

  @AuditAccess('case.list')
  @ApiOkResponse({ type: CaseListItemDto, isArray: true })
  @Get()
  @Requires('case.read')
  list(@CurrentUser() user: AuthUser) {
    return this.cases.list(user);
  }

  @ApiOkResponse({ type: CaseDto })
  @Put(':id/economics')
  @Requires('case.economics')
  economics(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: EconomicsDto,
  ) {
    return this.cases.recordEconomics(user, id, body.household);
  }

  @AuditAccess('case.procedures.read', { case: 'id' })
  @ApiOkResponse({ type: ProcedureOverviewDto })
  @Get(':id/procedures')
  @Requires('case.read')
  procedureOverview(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.procedures.overview(user, id);
  }

  @ApiCreatedResponse({ type: CaseDto })
  @Post(':id/procedures')
  @Requires('case.procedure')
  startProcedure(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: StartProcedureDto,
  ) {
    return this.procedures.start(user, id, body.processKey, body.data ?? {});
  }

  /** Full ID numbers to check against the ID cards: window clerks and investigators only, audited with the reason. */
  @ApiOkResponse({ type: CaseIdentityDto })
  @Get(':id/identity')
  @Requires('case.read')
  identity(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.cases.identity(user, id);
  }

  @AuditAccess('case.read', { case: 'id' })
  @ApiOkResponse({ type: CaseDetailDto })
  @Get(':id')
  @Requires('case.read')
  async detail(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    // 送达记录 with remedy deadlines, and the whole-case time limit (see CaseDeadlinesService).
    return this.cases.detail(user, id, this.deadlines.detailPart(user));
  }
}
