import { mayAccess } from '@app/auth';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock } from '@app/common';
import type { AuthUser } from '@app/auth';
import { Database } from '@app/persistence';
import { AssessmentService } from '@app/cases';
import { RowError, parseHouseholdWorkbook } from './household-workbook';
import { regionRepository as regions } from './region.repository';

export interface ImportResult {
  imported: {
    householdKey: string;
    rows: number[];
    assessmentId: string;
    eligible: boolean;
    benefitMonthlyFen: number;
  }[];
  skipped: { householdKey: string; rows: number[] }[];
  errors: RowError[];
}

/**
 * Imports households from the workbook and assesses each one. A workbook with any error imports
 * nothing, unless the user asks for the valid households only; then those go in one transaction.
 */
@Injectable()
export class HouseholdImportService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(AssessmentService) private readonly assessments: AssessmentService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async import(user: AuthUser, bytes: Buffer, options: { validOnly: boolean }): Promise<ImportResult> {
    const { households, errors } = await parseHouseholdWorkbook(bytes, this.clock.today());
    const codes = [...new Set(households.map((h) => h.regionCode))];
    const known = new Set(codes.length ? await this.db.read((em) => regions.existing(em, codes)) : []);
    for (const h of households) {
      if (!mayAccess(user, 'household.import', { regionCode: h.regionCode })) {
        errors.push({ row: h.rows[0], column: '行政区划代码', message: '不在您的管辖范围内' });
      } else if (!known.has(h.regionCode)) {
        errors.push({ row: h.rows[0], column: '行政区划代码', message: `行政区划 ${h.regionCode} 不存在` });
      }
    }
    const fileLevel = errors.some((e) => e.row <= 1);
    if (errors.length && (!options.validOnly || fileLevel)) {
      throw AppError.validation(
        `工作簿有${errors.length}处错误，未导入任何数据${fileLevel ? '' : '（可改正后重新上传，或选择只导入无误的家庭）'}`,
        errors.map((e) => ({ field: e.row ? `第${e.row}行·${e.column}` : e.column, message: e.message })),
      );
    }
    const faulty = new Set(errors.map((e) => e.row));
    const valid = households.filter((h) => !h.rows.some((r) => faulty.has(r)));
    const skipped = households
      .filter((h) => !valid.includes(h))
      .map((h) => ({ householdKey: h.key, rows: h.rows }));
    const imported = await this.db.transaction(async (em) => {
      const out: ImportResult['imported'] = [];
      for (const h of valid) {
        const row = await this.assessments.evaluateIn(em, user.id, {
          household: h.household,
          regionCode: h.regionCode,
        });
        const result = row.result as {
          minimumLiving: { eligible: boolean };
          benefit: { totalMonthlyFen: number };
        };
        out.push({
          householdKey: h.key,
          rows: h.rows,
          assessmentId: row.id,
          eligible: result.minimumLiving.eligible,
          benefitMonthlyFen: result.benefit.totalMonthlyFen,
        });
      }
      return out;
    });
    return { imported, skipped, errors };
  }
}
