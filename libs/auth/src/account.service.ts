import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { AuditService } from '@app/audit';
import { regionLevel, regionWithin } from '@app/assistance';
import { Database, UserEntity } from '@app/persistence';
import { AuthUser } from './auth.service';
import { THROTTLE_WINDOW_MINUTES, lockedUntil } from './lock-out';
import { loginAttemptRepository as attempts } from './login-attempt.repository';
import { hashPassword } from './password';
import { passwordProblem } from './password-policy';
import { CASEWORK_ROLES, DUTY_LEVEL, OVERSIGHT_ROLES, ROLES, Role, isRole } from './roles';
import { sessionRepository as sessions } from './session.repository';
import { NewUser, userRepository as users } from './user.repository';
import { displayNameKey, displayNameProblem } from './display-name';

/** What the administrator sees of an account: never the hash. */
export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  extraRoles: Role[];
  regionCode: string;
  regionName: string | null;
  disabled: boolean;
  /** Until when sign-ins from addresses the account never used are stopped (too many failures account-wide); null when not. */
  lockedUntil: string | null;
  lastSignInAt: string | null;
  /** A change by an administrator waits for a second one (maker-checker). */
  pendingConfirmation: boolean;
  passwordChangedAt: string | null;
  createdAt: string;
}

export interface AccountInput {
  username: string;
  displayName: string;
  role: string;
  extraRoles?: string[];
  regionCode: string;
  password: string;
}

export interface AccountChange {
  displayName?: string;
  role?: string;
  extraRoles?: string[];
  regionCode?: string;
  disabled?: boolean;
}

/** The part of an account the audit record shows before and after a change. */
const RECORDED = ['displayName', 'role', 'extraRoles', 'regionCode', 'disabledAt'] as const;

/**
 * Account administration by a system administrator, within their own region: accounts are
 * created, changed and disabled (never deleted: the name stays on the record), passwords reset,
 * lock-outs lifted. Every change is on the audit record with the account before and after; a
 * reset password or a disabled account ends the account's sessions at once.
 */
@Injectable()
export class AccountService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(admin: AuthUser): Promise<AccountView[]> {
    return this.db.read(async (em) => {
      return this.views(em, await users.within(em, admin.regionCode));
    });
  }

  async create(admin: AuthUser, input: AccountInput): Promise<AccountView> {
    const role = checkRole(input.role, 'role');
    const extraRoles = checkExtraRoles(input.extraRoles ?? [], role);
    const problem = passwordProblem(input.password, input.username);
    if (problem) throw AppError.validation(problem, [{ field: 'password', message: problem }]);
    const passwordHash = await hashPassword(input.password);
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      await this.checkRegion(em, admin, input.regionCode);
      checkDutyLevels(role, extraRoles, input.regionCode);
      const taken = await users.usernameTaken(em, input.username);
      if (taken) {
        throw new AppError(409, 'USERNAME_TAKEN', `用户名“${input.username}”已被使用`, [
          { field: 'username', message: '用户名已被使用' },
        ]);
      }
      await assertDisplayNameFree(em, input.displayName, input.regionCode, null);
      const user: NewUser = {
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        role,
        extraRoles,
        regionCode: input.regionCode,
        passwordHash,
        passwordChangedAt: now,
        disabledAt: null,
        unlockedAt: null,
        pendingBy: admin.id,
      };
      await users.insert(em, user);
      await this.record(em, admin, 'user.create', user, null, recorded(user));
      const [view] = await this.views(em, [await users.byIdOrFail(em, user.id)]);
      return view;
    });
  }

  async update(admin: AuthUser, id: string, change: AccountChange): Promise<AccountView> {
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      const user = await this.managed(em, admin, id);
      const before = recorded(user);
      const dutiesBefore = [...(user.extraRoles ?? [])];
      if (change.regionCode !== undefined && change.regionCode !== user.regionCode) {
        await this.checkRegion(em, admin, change.regionCode);
        user.regionCode = change.regionCode;
      }
      if (change.displayName !== undefined) user.displayName = change.displayName;
      if (change.role !== undefined) user.role = checkRole(change.role, 'role');
      if (change.extraRoles !== undefined || change.role !== undefined)
        user.extraRoles = checkExtraRoles(change.extraRoles ?? user.extraRoles, user.role as Role);
      if (change.disabled !== undefined) user.disabledAt = change.disabled ? (user.disabledAt ?? now) : null;
      checkDutyLevels(user.role as Role, user.extraRoles as Role[], user.regionCode);
      if (user.id === admin.id && user.extraRoles.some((r) => !dutiesBefore.includes(r))) {
        // Whoever grants duties must not be the one who uses them: another administrator does it.
        throw new AppError(403, 'SELF_GRANT', '不能给自己的账号增加职责，须由其他管理员办理', [
          { field: 'extraRoles', message: '不能给自己增加职责' },
        ]);
      }
      if (
        user.id === admin.id &&
        (user.disabledAt || user.role !== 'admin' || !regionWithin(admin.regionCode, user.regionCode))
      ) {
        // The last way back in would otherwise be a database console.
        throw new AppError(
          409,
          'SELF_LOCKOUT',
          '不能停用自己的账号、取消自己的管理员角色或缩小自己的管辖范围',
          [
            {
              field: change.disabled ? 'disabled' : change.role !== undefined ? 'role' : 'regionCode',
              message: '不能对自己的账号这样修改',
            },
          ],
        );
      }
      if (user.displayName !== before.displayName || user.regionCode !== before.regionCode)
        await assertDisplayNameFree(em, user.displayName, user.regionCode, user.id);
      const after = recorded(user);
      const powerChanged = (['role', 'extraRoles', 'regionCode'] as const).some(
        (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
      );
      if (powerChanged) user.pendingBy = admin.id;
      if (JSON.stringify(before) === JSON.stringify(after)) {
        const [view] = await this.views(em, [user]);
        return view;
      }
      await users.save(em, user);
      if (user.disabledAt) await sessions.endAllOf(em, user.id);
      const action =
        before.disabledAt === after.disabledAt
          ? 'user.update'
          : after.disabledAt
            ? 'user.disable'
            : 'user.enable';
      await this.record(em, admin, action, user, before, after);
      const [view] = await this.views(em, [user]);
      return view;
    });
  }

  /** Sets a new password the administrator hands over; the account's sessions end. */
  async resetPassword(admin: AuthUser, id: string, password: string): Promise<AccountView> {
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      const user = await this.managed(em, admin, id);
      const problem = passwordProblem(password, user.username);
      if (problem) throw AppError.validation(problem, [{ field: 'password', message: problem }]);
      user.passwordHash = await hashPassword(password);
      user.passwordChangedAt = now;
      // Whoever sets a password knows it: the account waits for a second administrator.
      user.pendingBy = admin.id;
      await users.save(em, user);
      await sessions.endAllOf(em, user.id);
      await this.record(em, admin, 'user.password_reset', user, null, null);
      const [view] = await this.views(em, [user]);
      return view;
    });
  }

  /**
   * A second administrator confirms the change another one made (maker-checker): never the one
   * who made it, never on one's own account. An account created or changed by an administrator
   * is itself unconfirmed, and so cannot confirm anything, until someone else confirms it.
   */
  async confirm(admin: AuthUser, id: string): Promise<AccountView> {
    return this.db.transaction(async (em) => {
      const user = await this.managed(em, admin, id);
      if (!user.pendingBy) {
        throw new AppError(409, 'NOTHING_TO_CONFIRM', '该账号没有待确认的变更', [
          { field: 'id', message: '没有待确认的变更' },
        ]);
      }
      if (user.pendingBy === admin.id || user.id === admin.id) {
        throw new AppError(
          403,
          'FOUR_EYES_SAME_PERSON',
          '账号变更须由另一名管理员确认，不能确认自己办理的变更或自己的账号',
          [{ field: 'id', message: '须由另一名管理员确认' }],
        );
      }
      const changedBy = user.pendingBy;
      user.pendingBy = null;
      await users.save(em, user);
      await this.record(em, admin, 'user.confirm', user, { pendingBy: changedBy }, { pendingBy: null });
      const [view] = await this.views(em, [user]);
      return view;
    });
  }

  /** Lifts a lock-out from failed sign-ins before its time runs out. */
  async unlock(admin: AuthUser, id: string): Promise<AccountView> {
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      const user = await this.managed(em, admin, id);
      user.unlockedAt = now;
      await users.save(em, user);
      await this.record(em, admin, 'user.unlock', user, null, null);
      const [view] = await this.views(em, [user]);
      return view;
    });
  }

  /** The account, locked for the change, if it is within the administrator's region. */
  private async managed(em: EntityManager, admin: AuthUser, id: string): Promise<UserEntity> {
    const user = await users.lock(em, id);
    if (!user) throw AppError.notFound('账号不存在');
    if (!regionWithin(user.regionCode, admin.regionCode))
      throw AppError.forbidden('该账号不在您的管辖范围内');
    return user;
  }

  private async checkRegion(em: EntityManager, admin: AuthUser, regionCode: string): Promise<void> {
    if (!(await users.regionExists(em, regionCode))) {
      throw AppError.validation(`行政区划代码 ${regionCode} 不存在`, [
        { field: 'regionCode', message: '行政区划代码不存在' },
      ]);
    }
    if (!regionWithin(regionCode, admin.regionCode)) {
      throw new AppError(403, 'FORBIDDEN', '只能把账号设在您管辖的地区内', [
        { field: 'regionCode', message: '不在您的管辖范围内' },
      ]);
    }
  }

  private async record(
    em: EntityManager,
    admin: AuthUser,
    action: string,
    user: NewUser,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    await this.audit.record(em, {
      at: this.clock.now(),
      actorId: admin.id,
      action,
      detail: {
        userId: user.id,
        username: user.username,
        ...(before && { before }),
        ...(after && { after }),
      },
    });
  }

  private async views(em: EntityManager, accounts: UserEntity[]): Promise<AccountView[]> {
    if (!accounts.length) return [];
    const now = this.clock.now();
    const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
    const [regionName, history] = await Promise.all([
      users.regionNames(
        em,
        accounts.map((u) => u.regionCode),
      ),
      attempts.history(
        em,
        accounts.map((u) => u.username),
        since,
      ),
    ]);
    return accounts.map((u) => {
      const h = history.get(u.username);
      const floor = Math.max(h?.lastOkMs ?? 0, u.unlockedAt?.getTime() ?? 0);
      const until = lockedUntil(h?.failuresMs ?? [], floor, now.getTime());
      const lockedUntilIso = until === null ? null : new Date(until).toISOString();
      const lastOk = h?.lastOkMs ? new Date(h.lastOkMs) : null;
      return {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role as Role,
        extraRoles: (u.extraRoles ?? []) as Role[],
        regionCode: u.regionCode,
        regionName: regionName.get(u.regionCode) ?? null,
        disabled: !!u.disabledAt,
        lockedUntil: lockedUntilIso,
        lastSignInAt: lastOk?.toISOString() ?? null,
        pendingConfirmation: !!u.pendingBy,
        passwordChangedAt: u.passwordChangedAt?.toISOString() ?? null,
        createdAt: u.createdAt.toISOString(),
      };
    });
  }
}

function checkRole(role: string, field: string): Role {
  if (!isRole(role)) {
    throw AppError.validation(`角色“${role}”不存在`, [
      { field, message: `应为：${Object.values(ROLES).join('、')}` },
    ]);
  }
  return role;
}

/**
 * Extra duties are casework roles a staff member also performs (small townships give one person
 * several); never administration, audit or legal roles, and an applicant account has none.
 */
function checkExtraRoles(extra: string[], role: Role): Role[] {
  const roles = extra.map((r, i) => {
    const duty = checkRole(r, `extraRoles[${i}]`);
    if (!CASEWORK_ROLES.includes(duty)) {
      throw AppError.validation(`“${ROLES[duty]}”不能作为兼任职责`, [
        { field: `extraRoles[${i}]`, message: '兼任职责只能是办案角色' },
      ]);
    }
    return duty;
  });
  if (roles.length && OVERSIGHT_ROLES.includes(role)) {
    throw AppError.validation(`${ROLES[role]}账号不能兼任办案职责`, [
      { field: 'extraRoles', message: `${ROLES[role]}制定规则、查阅执法记录，不能同时办案` },
    ]);
  }
  if (roles.length && role === 'applicant') {
    throw AppError.validation('申请人账号不能兼任工作人员职责', [
      { field: 'extraRoles', message: '申请人账号不能兼任' },
    ]);
  }
  return [...new Set(roles)].filter((r) => r !== role);
}

/** Each casework duty only at its own level: a township account never confirms, a village one never reviews. */
function checkDutyLevels(role: Role, extraRoles: Role[], regionCode: string): void {
  const level = regionLevel(regionCode);
  const duties: [Role, string][] = [
    [role, 'role'],
    ...extraRoles.map((r, i): [Role, string] => [r, `extraRoles[${i}]`]),
  ];
  // 分管负责人 heads an organ: a township's or the county's, never a village committee.
  if (role === 'supervisor' && level !== 'township' && level !== 'county') {
    throw AppError.validation('“分管负责人”只能设在乡镇或县级账号上', [
      { field: 'role', message: '分管负责人是乡镇人民政府或县级民政部门的负责人，与账号所在地区的层级不符' },
    ]);
  }
  for (const [duty, field] of duties) {
    const needed = DUTY_LEVEL[duty];
    if (needed && level && needed !== level) {
      const name = { county: '县级', township: '乡镇', village: '村（社区）' }[needed];
      throw AppError.validation(`“${ROLES[duty]}”只能设在${name}账号上`, [
        { field, message: `${ROLES[duty]}是${name}职责，与账号所在地区的层级不符` },
      ]);
    }
  }
}

/**
 * Two accounts of one region may not share a display name: the audit record names the actor, and a
 * second “李窗口” would make an entry read as someone else's.
 */
async function assertDisplayNameFree(
  em: EntityManager,
  displayName: string,
  regionCode: string,
  exceptId: string | null,
): Promise<void> {
  const problem = displayNameProblem(displayName);
  if (problem) throw AppError.validation(problem, [{ field: 'displayName', message: problem }]);
  const key = displayNameKey(displayName);
  const others = await users.displayNamesOf(em, regionCode, exceptId);
  if (others.some((name) => displayNameKey(name) === key)) {
    throw new AppError(
      409,
      'DISPLAY_NAME_TAKEN',
      `本地区已有名为“${displayName}”的账号，请使用能区分的姓名`,
      [{ field: 'displayName', message: '本地区已有同名账号' }],
    );
  }
}

function recorded(u: NewUser): Record<string, unknown> {
  return Object.fromEntries(
    RECORDED.map((k) => [k, k === 'disabledAt' ? (u.disabledAt?.toISOString() ?? null) : u[k]]),
  );
}
