import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccountService, AuthUser, CurrentUser, Requires } from '@app/auth';
import { CreateAccountDto, ResetPasswordDto, UpdateAccountDto } from '../dto/account.dto';
import { uuidPipe } from '../http/uuid.pipe';
import { AuditAccess } from '../http/audit-access';
import { AccountDto } from '../dto/responses/accounts.response';

@ApiTags('账号管理')
@ApiBearerAuth()
@Controller('users')
export class AccountsController {
  constructor(private readonly accounts: AccountService) {}

  /** The accounts of the administrator's region, with lock-out and last sign-in. */
  @AuditAccess('user.list')
  @ApiOkResponse({ type: AccountDto, isArray: true })
  @Get()
  @Requires('account.manage')
  list(@CurrentUser() user: AuthUser) {
    return this.accounts.list(user);
  }

  @ApiCreatedResponse({ type: AccountDto })
  @Post()
  @Requires('account.manage')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateAccountDto) {
    return this.accounts.create(user, body);
  }

  /** Name, role, extra duties, region, disabled; an account is never deleted. */
  @ApiOkResponse({ type: AccountDto })
  @Patch(':id')
  @Requires('account.manage')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: UpdateAccountDto,
  ) {
    return this.accounts.update(user, id, body);
  }

  @ApiOkResponse({ type: AccountDto })
  @Post(':id/password')
  @Requires('account.manage')
  @HttpCode(200)
  resetPassword(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Body() body: ResetPasswordDto,
  ) {
    return this.accounts.resetPassword(user, id, body.password);
  }

  @ApiOkResponse({ type: AccountDto })
  @Post(':id/unlock')
  @Requires('account.manage')
  @HttpCode(200)
  unlock(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.accounts.unlock(user, id);
  }

  /** A second administrator confirms a change another one made to the account (maker-checker). */
  @ApiOkResponse({ type: AccountDto })
  @Post(':id/confirm')
  @Requires('account.confirm')
  @HttpCode(200)
  confirm(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return this.accounts.confirm(user, id);
  }
}
