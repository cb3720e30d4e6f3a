import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { CaseworkService } from '@app/cases';
import { CreateDelegationDto } from '../dto/task.dto';
import { uuidPipe } from '../http/uuid.pipe';
import { CaseworkStaffDto, DelegationDto } from '../dto/responses/tasks.response';

@ApiTags('代办委托')
@ApiBearerAuth()
@Controller('delegations')
export class DelegationsController {
  constructor(private readonly casework: CaseworkService) {}

  @ApiOkResponse({ type: DelegationDto, isArray: true })
  @Get()
  @Requires('task.read')
  @ApiQuery({
    name: 'scope',
    required: false,
    enum: ['own', 'region'],
    description: 'own：本人给出或接受的；region：本地区（主管）',
  })
  list(@CurrentUser() user: AuthUser, @Query('scope') scope?: string) {
    return this.casework.delegations(user, scope === 'region' ? 'region' : 'own');
  }

  @ApiOkResponse({ type: CaseworkStaffDto, isArray: true, description: '本地区办案人员，供改派和委托选择' })
  @Get('staff')
  @Requires('task.read')
  staff(@CurrentUser() user: AuthUser) {
    return this.casework.staff(user);
  }

  @ApiOkResponse({ type: DelegationDto })
  @Post()
  @Requires('task.delegate')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateDelegationDto) {
    return this.casework.delegate(user, body);
  }

  @ApiOkResponse({ type: DelegationDto, isArray: true })
  @Post(':id/revoke')
  @Requires('task.delegate')
  @HttpCode(200)
  async revoke(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    await this.casework.revokeDelegation(user, id);
    return this.casework.delegations(user, 'own');
  }
}
