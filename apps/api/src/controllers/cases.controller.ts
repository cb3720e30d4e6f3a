import { Body, Controller, Get, Headers, Ip, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { CaseService } from '@app/cases';
import { ApplicationDto } from '../dto/application.dto';
import { EconomicsDto } from '../dto/policy.dto';
import { uuidPipe } from '../http/uuid.pipe';

@ApiTags('案件')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CaseService) {}

  @Post()
  @Roles('window_clerk', 'applicant')
  apply(
    @CurrentUser() user: AuthUser,
    @Body() body: ApplicationDto,
    @Headers('user-agent') userAgent?: string,
    @Ip() ip?: string,
  ) {
    return this.cases.apply(user, { ...body, client: { userAgent, ip } });
  }

  @Get()
  list(@CurrentUser() user: AuthUser) {
    return this.cases.list(user);
  }

  @Put(':id/economics')
  @Roles('window_clerk', 'investigator', 'township_reviewer')
  economics(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: EconomicsDto,
  ) {
    return this.cases.recordEconomics(user, id, body.household);
  }

  @Get(':id')
  detail(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.cases.detail(user, id);
  }
}
