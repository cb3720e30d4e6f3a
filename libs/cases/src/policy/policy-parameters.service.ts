import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock, calendarDateProblem } from '@app/common';
import { AuditService } from '@app/audit';
import { PolicyParameters, validateParameters } from '@app/assessment';
import { regionLevel } from '@app/assistance';
import { AuthUser, requireAccess } from '@app/auth';
import { Database, PolicyParametersEntity } from '@app/persistence';
import { nextRegionVersion } from '../region-versions';
import { policyParametersRepository as policyParameters } from './policy-parameters.repository';
import { InstrumentKey, REGIONAL_INSTRUMENTS } from '@app/documents';
import { instrumentsOf } from './regional-instruments';

export interface PublishInput {
  regionCode: string;
  effectiveFrom: string;
  parameters: PolicyParameters;
  note?: string;
}

/**
 * Policy parameters per region and effective date. A region inherits from the nearest enclosing
 * region that has its own (village → township → county); changes are new versions, never edits.
 */
@Injectable()
export class PolicyParametersService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The version in force for a region on a date. */
  async resolve(em: EntityManager, regionCode: string, date: string): Promise<PolicyParametersEntity> {
    const row = await policyParameters.inForce(em, regionCode, date);
    if (!row) {
      throw AppError.notFound(`行政区划 ${regionCode} 在 ${date} 没有生效的救助政策参数，请管理员先行配置`);
    }
    return row;
  }

  resolveNow(regionCode: string, date = this.clock.today()): Promise<PolicyParametersEntity> {
    return this.db.read((em) => this.resolve(em, regionCode, date));
  }

  /**
   * The longest 公示 period in force on a date anywhere in a scope (the regions a model will run in,
   * and the region enclosing them): a model deployed there must satisfy every one. Undefined when no
   * version sets one (the statutory 7 days then apply).
   */
  publicNoticeDays(scope: string, date: string): Promise<number | undefined> {
    return this.db.read(async (em) => {
      const rows = await policyParameters.inForceUnder(em, scope, date);
      const enclosing = scope ? await policyParameters.inForce(em, scope, date) : null;
      const days = [...rows, ...(enclosing ? [enclosing] : [])]
        .map((r) => (r.parameters as PolicyParameters).publicNotice?.days)
        .filter((d): d is number => typeof d === 'number');
      return days.length ? Math.max(...days) : undefined;
    });
  }

  /**
   * The region's own instruments (the provincial 低收入人口认定办法) that some version in force on a
   * date anywhere in a scope leaves unset: a template citing one cannot be issued there. The lints
   * name them; with no version in force at all, every one is unset.
   */
  unsetInstruments(scope: string, date: string): Promise<InstrumentKey[]> {
    return this.db.read(async (em) => {
      const rows = await policyParameters.inForceUnder(em, scope, date);
      const enclosing = scope ? await policyParameters.inForce(em, scope, date) : null;
      const versions = [...rows, ...(enclosing ? [enclosing] : [])].map((r) =>
        instrumentsOf(r.parameters as PolicyParameters),
      );
      return (Object.keys(REGIONAL_INSTRUMENTS) as InstrumentKey[]).filter(
        (key) => !versions.length || versions.some((v) => !v[key]),
      );
    });
  }

  history(regionCode: string): Promise<PolicyParametersEntity[]> {
    return this.db.read((em) => policyParameters.history(em, regionCode));
  }

  async publish(publisher: AuthUser, input: PublishInput): Promise<PolicyParametersEntity> {
    const actorId = publisher.id;
    const problems = [];
    if (regionLevel(input.regionCode) === null) {
      problems.push({ field: 'regionCode', message: '应为6位（县）、9位（乡镇）或12位（村）行政区划代码' });
    } else {
      // 低保标准 is set for the county by the government above it: a township cannot move it.
      requireAccess(publisher, 'policy.publish', { regionCode: input.regionCode });
    }
    const dateProblem = calendarDateProblem(input.effectiveFrom);
    if (dateProblem) problems.push({ field: 'effectiveFrom', message: `生效日期${dateProblem}` });
    for (const p of validateParameters(input.parameters)) {
      problems.push({ field: `parameters.${p.field}`, message: p.message });
    }
    if (problems.length) throw AppError.validation(problems[0].message, problems);
    return this.db.transaction(async (em) => {
      const version = await nextRegionVersion(em, 'policy_parameters', input.regionCode);
      const before = await this.resolve(em, input.regionCode, input.effectiveFrom).catch(() => null);
      const row: PolicyParametersEntity = {
        id: randomUUID(),
        regionCode: input.regionCode,
        effectiveFrom: input.effectiveFrom,
        version,
        parameters: { ...input.parameters, regionCode: input.regionCode, effectiveFrom: input.effectiveFrom },
        note: input.note ?? null,
        createdBy: actorId,
        createdAt: this.clock.now(),
      };
      await policyParameters.insert(em, row);
      await this.audit.record(em, {
        at: row.createdAt,
        actorId,
        action: 'policy.publish',
        detail: {
          regionCode: row.regionCode,
          effectiveFrom: row.effectiveFrom,
          version: row.version,
          before: before ? { id: before.id, version: before.version, parameters: before.parameters } : null,
          after: { id: row.id, parameters: row.parameters },
          note: row.note,
        },
      });
      return row;
    });
  }
}
