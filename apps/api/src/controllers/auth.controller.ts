import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthService, AuthUser, CurrentUser, Public, Requires } from '@app/auth';
import { LoginDto } from '../dto/task.dto';
import { ChangePasswordDto } from '../dto/account.dto';
import { AuthUserDto, LoginResultDto } from '../dto/responses/auth.response';

@ApiTags('登录')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @ApiOkResponse({ type: LoginResultDto })
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto) {
    return this.auth.login(body.username, body.password);
  }

  @ApiBearerAuth()
  @ApiNoContentResponse()
  @Post('logout')
  @Requires('session.self')
  @HttpCode(204)
  async logout(@Req() req: { headers: { authorization?: string } }) {
    await this.auth.logout(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
  }

  /** The signed-in user's own password; the current one is asked again and other sessions end. */
  @ApiBearerAuth()
  @ApiNoContentResponse()
  @Post('password')
  @Requires('session.self')
  @HttpCode(204)
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Req() req: { headers: { authorization?: string } },
    @Body() body: ChangePasswordDto,
  ) {
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    await this.auth.changePassword(user, token, body.currentPassword, body.newPassword);
  }

  @ApiBearerAuth()
  @ApiOkResponse({ type: AuthUserDto })
  @Get('me')
  @Requires('session.self')
  me(@CurrentUser() user: AuthUser) {
    return user;
  }
}
