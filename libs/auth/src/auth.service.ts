import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock, currentRequestOrigin } from '@app/common';
import { AuditService } from '@app/audit';
import { Database, UserEntity } from '@app/persistence';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-policy';
import { Role } from './roles';
import {
  THROTTLE_WINDOW_MINUTES,
  lockedMessage,
  lockedUntil,
  throttledUntil,
  waitText,
  wrongPasswordMessage,
} from './lock-out';
import { loginAttemptRepository as attempts } from './login-attempt.repository';
import { SessionWithUser, sessionRepository as sessions } from './session.repository';
import { userRepository as users } from './user.repository';

const SESSION_HOURS = 12;
/** A session unused this long ends (a terminal left signed in at the window). */
export const IDLE_MINUTES = 30;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_MS = 60_000;
/**
 * How long before a demo clock move's switch a session may have been written on the old time without
 * the move's shift reaching it (the move's commit to its switch: 2 × CLOCK_SYNC_MS, with room).
 */
const MOVE_WINDOW_MS = 60_000;

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Every role whose tasks the user may perform: the main role first, then any extra duties. */
  duties: Role[];
  regionCode: string;
  /** A change to the account waits for a second administrator: no power may be used until then. */
  pendingConfirmation: boolean;
}

@Injectable()
export class AuthService {
  /**
   * Compared against when the account does not exist, so timing does not reveal which names do;
   * made on the first such sign-in, not at start.
   */
  private decoy: Promise<string> | null = null;
  /** Per account and address, the end of the sign-ins being checked: they take turns. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; expiresAt: Date; user: AuthUser }> {
    const ip = currentRequestOrigin()?.ip ?? null;
    // One try at a time per account and address: a burst sent in parallel would otherwise all be
    // judged on the history from before any of them failed.
    const key = JSON.stringify([username, ip]);
    const mine = (this.queues.get(key) ?? Promise.resolve()).then(() =>
      this.tryLogin(username, password, ip),
    );
    const tail = mine.catch(() => undefined);
    this.queues.set(key, tail);
    try {
      return await mine;
    } finally {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  private async tryLogin(
    username: string,
    password: string,
    ip: string | null,
  ): Promise<{ token: string; expiresAt: Date; user: AuthUser }> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
    const [user, fromHere, history] = await this.db.read(async (em) => [
      await users.byUsername(em, username),
      await attempts.fromAddress(em, username, ip, since),
      (await attempts.history(em, [username], since)).get(username),
    ]);
    const unlockedMs = user?.unlockedAt?.getTime() ?? 0;
    // The account's lock holds for every address, the right password included; these tries are
    // not checked, so they are neither failures nor a way to test a guess.
    const accountFloor = Math.max(history?.lastOkMs ?? 0, unlockedMs);
    const until = lockedUntil(history?.failuresMs ?? [], accountFloor, now.getTime());
    if (until !== null) {
      throw AppError.tooManyRequests(
        'ACCOUNT_LOCKED',
        lockedMessage(until, now.getTime()),
        (until - now.getTime()) / 1000,
        [{ field: 'username', message: '账号已锁定' }],
      );
    }
    const wait = throttledUntil(
      fromHere.failuresMs,
      Math.max(fromHere.lastOkMs ?? 0, unlockedMs),
      now.getTime(),
    );
    if (wait !== null) throw throttled(wait - now.getTime());
    const ok = user
      ? await verifyPassword(password, user.passwordHash)
      : await verifyPassword(
          password,
          await (this.decoy ??= hashPassword(randomBytes(16).toString('hex'))),
        ).then(() => false);
    if (!user || !ok) {
      await this.db.transaction((em) =>
        this.recordSignIn(em, { username, userId: user?.id ?? null, ok: false, now }),
      );
      // One message, which also says how many tries are left before the account locks.
      throw new AppError(
        401,
        'LOGIN_FAILED',
        wrongPasswordMessage(history?.failuresMs ?? [], accountFloor, now.getTime()),
      );
    }
    // Told only to whoever knows the password, so it does not reveal which accounts exist.
    if (user.disabledAt) {
      await this.db.transaction((em) =>
        this.recordSignIn(em, { username, userId: user.id, ok: false, now, refused: 'account_disabled' }),
      );
      throw new AppError(403, 'ACCOUNT_DISABLED', '该账号已停用，请联系系统管理员', [
        { field: 'username', message: '账号已停用' },
      ]);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
    await this.db.transaction(async (em) => {
      await sessions.insert(em, { tokenHash: sha256(token), userId: user.id, expiresAt, lastSeenAt: now });
      await this.recordSignIn(em, { username, userId: user.id, ok: true, now });
    });
    return { token, expiresAt, user: toAuthUser(user) };
  }

  /** One sign-in attempt: counted for the throttle and put on the audit record. */
  private async recordSignIn(
    em: EntityManager,
    a: { username: string; userId: string | null; ok: boolean; now: Date; refused?: 'account_disabled' },
  ): Promise<void> {
    await attempts.insert(em, {
      username: a.username,
      at: a.now,
      ok: a.ok,
      ip: currentRequestOrigin()?.ip ?? null,
    });
    await this.audit.record(em, {
      at: a.now,
      actorId: a.userId,
      action: a.ok ? 'auth.login' : a.refused ? 'auth.login_refused' : 'auth.login_failed',
      detail: { username: a.username, ...(a.refused && { reason: a.refused }) },
    });
  }

  /**
   * The demo clock moves forward by `ms` in this transaction: sessions move with it, so nobody signed
   * in is taken for idle (or expired) by a jump that took no time for them.
   */
  async clockMoved(em: EntityManager, ms: number): Promise<void> {
    await sessions.shiftAll(em, ms);
  }

  /**
   * A session opened or used on the old time after a move of the demo clock committed (moving the
   * others) but before it took effect, read after the jump: it moves with the clock now. Without
   * this, a sign-in in the second before a move's switch was refused as idle right after.
   */
  private async movedSince(tokenHash: string, found: SessionWithUser, now: Date): Promise<void> {
    const jump = this.clock.lastJump();
    const seen = found.lastSeenAt.getTime();
    if (!jump || now.getTime() < jump.to || seen >= jump.from || seen < jump.from - MOVE_WINDOW_MS) return;
    const ms = jump.to - jump.from;
    await this.db.transaction((em) => sessions.shiftOne(em, tokenHash, found.lastSeenAt, ms));
    found.lastSeenAt = new Date(seen + ms);
    found.expiresAt = new Date(found.expiresAt.getTime() + ms);
  }

  /**
   * Session rows being touched by this process. Requests of one session read its row together,
   * so all of them found the touch due: each wrote the same row in a transaction of its own,
   * queued on its row lock and waiting for its commit's WAL flush in turn (issue 19's bursts were
   * answers waiting for such flushes). The ones that arrive while a touch is under way wait for it.
   */
  private readonly touching = new Map<string, Promise<void>>();

  private touch(tokenHash: string, now: Date): Promise<void> {
    let done = this.touching.get(tokenHash);
    if (!done) {
      done = this.db
        .transaction((em) => sessions.touch(em, tokenHash, now))
        .finally(() => this.touching.delete(tokenHash));
      this.touching.set(tokenHash, done);
    }
    return done;
  }

  async authenticate(token: string): Promise<AuthUser | null> {
    const tokenHash = sha256(token);
    const now = this.clock.now();
    const found = await this.db.read((em) => sessions.withUser(em, tokenHash));
    if (found) await this.movedSince(tokenHash, found, now);
    if (!found || found.expiresAt <= now || found.user.disabled) return null;
    const idleMs = now.getTime() - found.lastSeenAt.getTime();
    if (idleMs > IDLE_MINUTES * 60_000) {
      await this.db.transaction((em) => sessions.end(em, tokenHash));
      throw new AppError(401, 'SESSION_IDLE', `超过${IDLE_MINUTES}分钟未操作，已自动退出，请重新登录`);
    }
    if (idleMs > TOUCH_MS) await this.touch(tokenHash, now);
    return toAuthUser(found.user);
  }

  /** The signed-in user's own change: the current password is asked again; other sessions end. */
  async changePassword(user: AuthUser, token: string, current: string, next: string): Promise<void> {
    const stored = await this.db.read((em) => users.byIdOrFail(em, user.id));
    if (!(await verifyPassword(current, stored.passwordHash))) {
      throw new AppError(400, 'PASSWORD_WRONG', '当前密码不正确', [
        { field: 'currentPassword', message: '当前密码不正确' },
      ]);
    }
    const problem =
      passwordProblem(next, user.username) ?? (next === current ? '新密码不能与当前密码相同' : undefined);
    if (problem) throw AppError.validation(problem, [{ field: 'newPassword', message: problem }]);
    const passwordHash = await hashPassword(next);
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      await users.setPassword(em, user.id, passwordHash, now);
      await sessions.endAllOf(em, user.id, sha256(token));
      await this.audit.record(em, { at: now, actorId: user.id, action: 'auth.password_change', detail: {} });
    });
  }

  async logout(token: string): Promise<void> {
    await this.db.transaction((em) => sessions.end(em, sha256(token)));
  }
}

/** Too many failures from this address: the answer says how long to wait. */
function throttled(waitMs: number): AppError {
  return AppError.tooManyRequests(
    'LOGIN_THROTTLED',
    `登录失败次数过多，请${waitText(waitMs)}后再试`,
    waitMs / 1000,
    [{ field: 'password', message: `请${waitText(waitMs)}后再试` }],
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The signed-in view of a stored user. */
export function toAuthUser(
  u: Pick<UserEntity, 'id' | 'username' | 'displayName' | 'role' | 'extraRoles' | 'regionCode' | 'pendingBy'>,
): AuthUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    duties: [u.role as Role, ...((u.extraRoles ?? []) as Role[]).filter((r) => r !== u.role)],
    regionCode: u.regionCode,
    pendingConfirmation: !!u.pendingBy,
  };
}
