import { mayAccess } from '@app/auth';
import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock } from '@app/common';
import { AuditService } from '@app/audit';
import { drawSample, regionLevel } from '@app/assistance';
import type { AuthUser } from '@app/auth';
import { Database } from '@app/persistence';
import { CaseStarter, caseRepository as cases, ProcedureService, programName } from '@app/cases';
import { DocumentPipeline } from '@app/issuance';
import { beneficiaryRepository as beneficiaries } from './beneficiary.repository';
import { RecheckProcedure, recheckRepository as draws } from './recheck.repository';

/** The start-form answer by which a review procedure says "this review is a random re-check". */
export const RANDOM_CHECK_TRIGGER = { field: 'trigger', option: 'random-check' } as const;

export interface RecheckDraw {
  id: string;
  regionCode: string;
  program: string;
  programName: string;
  ratio: number;
  seed: string;
  population: string[];
  selected: string[];
  procedures: RecheckProcedure[];
  drawnBy: string;
  drawnByName: string;
  drawnAt: Date;
  /** drawSample(seed, population, ratio) gives the recorded selection again. */
  reproducible: boolean;
}

/**
 * 随机抽查 (日常监管): a county draws a share of the active beneficiaries of a region with a recorded
 * seed (`drawSample`, reproducible by anyone holding seed and population), and a review procedure
 * whose start form offers the trigger `random-check` starts on each case drawn.
 */
@Injectable()
export class RecheckService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(CaseStarter) private readonly starter: CaseStarter,
    @Inject(ProcedureService) private readonly procedures: ProcedureService,
    @Inject(DocumentPipeline) private readonly pipeline: DocumentPipeline,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async draw(
    user: AuthUser,
    input: { regionCode: string; ratio: number; program?: string },
  ): Promise<RecheckDraw> {
    const program = input.program ?? 'dibao';
    if (!regionLevel(input.regionCode)) {
      throw AppError.validation('行政区划代码应为6位（县）、9位（乡镇）或12位（村）', [
        { field: 'regionCode', message: '行政区划代码应为6位（县）、9位（乡镇）或12位（村）' },
      ]);
    }
    if (!mayAccess(user, 'recheck.draw', { regionCode: input.regionCode })) {
      throw AppError.validation('不在您的管辖范围内', [
        { field: 'regionCode', message: '不在您的管辖范围内' },
      ]);
    }
    if (!(input.ratio > 0 && input.ratio <= 1) || Math.round(input.ratio * 1000) !== input.ratio * 1000) {
      throw AppError.validation('抽查比例应大于0且不超过1，最多三位小数', [
        { field: 'ratio', message: '抽查比例应大于0且不超过1，最多三位小数' },
      ]);
    }
    const draw = await this.db.transaction(async (em) => {
      if (!(await cases.region(em, input.regionCode))) {
        throw AppError.validation('行政区划不存在', [
          { field: 'regionCode', message: `行政区划 ${input.regionCode} 不存在` },
        ]);
      }
      const review = (await this.starter.inEffect(em)).find(
        (info) =>
          info.kind === 'procedure' &&
          info.appliesTo.includes(program) &&
          info.startForm.some(
            (f) =>
              f.id === RANDOM_CHECK_TRIGGER.field &&
              f.options.some((o) => o.id === RANDOM_CHECK_TRIGGER.option),
          ),
      );
      if (!review) {
        throw AppError.validation(`${programName(program)}没有可用于随机抽查的核查流程`, [
          { field: 'program', message: '没有已生效、可按“随机抽查”发起的核查流程' },
        ]);
      }
      // Serializes draws of one region so two draws never start reviews on the same population twice.
      await draws.lockDraws(em, input.regionCode, program);
      const population = await beneficiaries.activeWithin(em, input.regionCode, program);
      if (!population.length) {
        throw AppError.validation('该地区没有可抽查的在保对象', [
          { field: 'regionCode', message: '该地区没有正在享受救助的对象' },
        ]);
      }
      const seed = randomBytes(16).toString('hex');
      const ids = population.map((c) => c.id).sort();
      const selected = drawSample(seed, ids, input.ratio);
      const byId = new Map(population.map((c) => [c.id, c]));
      const started: RecheckProcedure[] = [];
      for (const caseId of selected) {
        const parent = byId.get(caseId)!;
        const child = await this.procedures.startIn(em, {
          parent,
          processKey: review.key,
          data: { [RANDOM_CHECK_TRIGGER.field]: RANDOM_CHECK_TRIGGER.option },
          actor: { id: user.id, role: user.role },
        });
        started.push({
          caseId,
          caseNo: parent.caseNo,
          procedureCaseId: child.id,
          procedureCaseNo: child.caseNo,
        });
      }
      const id = randomUUID();
      const now = this.clock.now();
      await draws.insert(em, {
        id,
        regionCode: input.regionCode,
        program,
        ratio: input.ratio,
        seed,
        population: ids,
        selected,
        procedures: started,
        drawnBy: user.id,
        drawnAt: now,
      });
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'supervision.recheck.draw',
        caseId: null,
        detail: { drawId: id, regionCode: input.regionCode, program, ratio: input.ratio, seed, selected },
      });
      return id;
    });
    const result = (await this.list(user)).find((d) => d.id === draw)!;
    for (const p of result.procedures) await this.pipeline.issued(p.procedureCaseId);
    return result;
  }

  async list(user: AuthUser): Promise<RecheckDraw[]> {
    const rows = await this.db.read((em) => draws.within(em, user.regionCode));
    return rows.map((r) => {
      const ratio = Number(r.ratio);
      const again = drawSample(r.seed, r.population, ratio);
      return {
        ...r,
        ratio,
        programName: programName(r.program),
        reproducible: JSON.stringify(again) === JSON.stringify(r.selected),
      };
    });
  }
}
