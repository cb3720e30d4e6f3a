import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService, AuthUser, CurrentUser, Public } from '@app/auth';
import { LoginDto } from '../dto/task.dto';
import { ChangePasswordDto } from '../dto/account.dto';

@ApiTags('登录')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto) {
    return this.auth.login(body.username, body.password);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: { headers: { authorization?: string } }) {
    await this.auth.logout(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
  }

  /** The signed-in user's own password; the current one is asked again and other sessions end. */
  @ApiBearerAuth()
  @Post('password')
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
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return user;
  }
}
