import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import {
  AuthService,
  AuthUser,
  CSRF_COOKIE,
  CurrentUser,
  Public,
  Requires,
  SESSION_COOKIE,
  SessionToken,
  csrfTokenFor,
} from '@app/auth';
import { LoginDto } from '../dto/task.dto';
import { ChangePasswordDto } from '../dto/account.dto';
import { AuthUserDto, LoginResultDto } from '../dto/responses/auth.response';

/**
 * The session cookie only goes to the API; the anti-forgery cookie is readable by the page at any
 * path (a cookie scoped to /api would be invisible to a page at /cases/…).
 */
function cookieOptions(req: Request, httpOnly: boolean, expires?: Date): CookieOptions {
  return {
    httpOnly,
    sameSite: 'strict',
    secure: req.secure,
    path: httpOnly ? '/api' : '/',
    ...(expires && { expires }),
  };
}

@ApiTags('登录')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Sets the session cookies for the web app. The token is in the body too, for API clients that
   * send it as a bearer header; the web app does not keep it (only whoever knows the password gets it).
   */
  @Public()
  @ApiOkResponse({ type: LoginResultDto })
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.login(body.username, body.password);
    res.cookie(SESSION_COOKIE, result.token, cookieOptions(req, true, result.expiresAt));
    res.cookie(CSRF_COOKIE, csrfTokenFor(result.token), cookieOptions(req, false, result.expiresAt));
    return result;
  }

  @ApiBearerAuth()
  @ApiNoContentResponse()
  @Post('logout')
  @Requires('session.self')
  @HttpCode(204)
  async logout(
    @SessionToken() token: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.auth.logout(token);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req, true));
    res.clearCookie(CSRF_COOKIE, cookieOptions(req, false));
  }

  /** The signed-in user's own password; the current one is asked again and other sessions end. */
  @ApiBearerAuth()
  @ApiNoContentResponse()
  @Post('password')
  @Requires('session.self')
  @HttpCode(204)
  async changePassword(
    @CurrentUser() user: AuthUser,
    @SessionToken() token: string,
    @Body() body: ChangePasswordDto,
  ) {
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
