import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@app/audit';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { AuditQueryDto } from '../dto/audit.dto';
import { AuditAccess } from '../http/audit-access';
import { AuditPageDto } from '../dto/responses/audit.response';

@ApiTags('执法全过程记录')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The audit trail, newest first; reading it is itself recorded (it holds personal data). */
  @ApiOkResponse({ type: AuditPageDto })
  @Get()
  @Requires('audit.read')
  @AuditAccess('audit.read')
  search(@CurrentUser() user: AuthUser, @Query() query: AuditQueryDto) {
    return this.audit.search(user, query);
  }
}
