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
import { ROLES, Role } from './roles';

const PUBLIC_KEY = 'sa:public';
const ROLES_KEY = 'sa:roles';

/** Marks an endpoint that anyone may call (health, docs, document verification, login). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Restricts an endpoint to these roles; without it any signed-in user may call it. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});

/** Installed globally: nothing is open unless marked @Public(). */
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
    const header: string | undefined = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const user = token ? await this.auth.authenticate(token) : null;
    if (!user) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
    request.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.some((r) => user.duties.includes(r))) {
      throw AppError.forbidden(`当前角色“${ROLES[user.role]}”无权执行此操作`);
    }
    return true;
  }
}
