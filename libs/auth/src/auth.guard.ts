import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@app/common';
import { AuthService, AuthUser } from './auth.service';
import { Permission, requireAccess } from './access';
import { passesCsrfCheck, sessionCredential } from './session-cookie';

const PUBLIC_KEY = 'sa:public';
const PERMISSION_KEY = 'sa:permission';

/** Marks an endpoint that anyone may call (health, docs, document verification, login). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/**
 * The permission an endpoint needs (see access.ts). Every route that is not @Public() names one;
 * the guard checks the role part, and the service checks region and ownership on the resource.
 */
export const Requires = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** The permission an endpoint declared, for the route walk in the trust tests. */
export function permissionOf(
  reflector: Reflector,
  handler: () => unknown,
  controller: abstract new (...args: never[]) => unknown,
): Permission | undefined {
  return reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [handler, controller]);
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});

/** The token of the caller's session, whether sent as a bearer header or in the cookie. */
export const SessionToken = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return ctx.switchToHttp().getRequest().sessionToken;
});

/**
 * Installed globally: nothing is open unless marked @Public(). The session comes as a bearer token
 * (API clients) or in the HttpOnly cookie (the web app); with the cookie, a request that changes
 * something must also carry the anti-forgery header (session-cookie.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const credential = sessionCredential(request.headers);
    if (credential && !passesCsrfCheck(request.method, request.headers, credential)) {
      // Checked before the session is looked at, so a forged request does not even keep it alive.
      throw new AppError(403, 'CSRF_REJECTED', '请求缺少有效的防伪标识，请刷新页面后重试', [
        { field: 'X-CSRF-Token', message: '缺少或不匹配' },
      ]);
    }
    const user = credential ? await this.auth.authenticate(credential.token) : null;
    if (!user) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
    request.user = user;
    request.sessionToken = credential?.token;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    // A route that forgot to say what it needs is closed, not open.
    if (!permission) throw AppError.forbidden('该接口未声明访问权限');
    requireAccess(user, permission);
    return true;
  }
}
