import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock } from '@app/common';
import { Database, SessionEntity, UserEntity } from '@app/persistence';
import { verifyPassword } from './password';
import { Role } from './roles';

const SESSION_HOURS = 12;

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; expiresAt: Date; user: AuthUser }> {
    const user = await this.db.read((em) => em.getRepository(UserEntity).findOne({ where: { username } }));
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      throw new AppError(401, 'LOGIN_FAILED', '用户名或密码错误', [
        { field: 'password', message: '用户名或密码错误' },
      ]);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + SESSION_HOURS * 3600_000);
    await this.db.transaction((em) =>
      em.getRepository(SessionEntity).insert({ tokenHash: sha256(token), userId: user.id, expiresAt }),
    );
    return { token, expiresAt, user: toAuthUser(user) };
  }

  async authenticate(token: string): Promise<AuthUser | null> {
    return this.db.read(async (em) => {
      const session = await em.getRepository(SessionEntity).findOne({ where: { tokenHash: sha256(token) } });
      if (!session || session.expiresAt <= this.clock.now()) return null;
      const user = await em.getRepository(UserEntity).findOne({ where: { id: session.userId } });
      return user ? toAuthUser(user) : null;
    });
  }

  async logout(token: string): Promise<void> {
    await this.db.transaction((em) => em.getRepository(SessionEntity).delete({ tokenHash: sha256(token) }));
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function toAuthUser(u: UserEntity): AuthUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    regionCode: u.regionCode,
  };
}
