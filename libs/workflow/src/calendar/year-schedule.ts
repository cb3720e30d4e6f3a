import { isIsoDate, isWeekend } from './working-days';

export interface ScheduleProblem {
  field: string;
  message: string;
}

export interface YearScheduleInput {
  holidays?: unknown;
  workdays?: unknown;
  source?: unknown;
}

/**
 * Checks one year's schedule as an administrator types it from the State Council notice:
 * every date a real date in that year, holidays and 调休 workdays disjoint, workdays only on
 * weekends (a weekday is a workday anyway), no duplicates, and the notice named as the source.
 */
export function yearScheduleProblems(year: number, input: YearScheduleInput): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    problems.push({ field: 'year', message: '年份应为 2000 至 2100 之间的整数' });
    return problems;
  }
  const holidays = dateList('holidays', '法定节假日', input.holidays, year, problems);
  const workdays = dateList('workdays', '调休上班日', input.workdays, year, problems);
  if (Array.isArray(input.holidays) && input.holidays.length === 0)
    problems.push({ field: 'holidays', message: `${year} 年至少应有一天法定节假日` });
  workdays.forEach(({ date, index }) => {
    if (!isWeekend(date))
      problems.push({
        field: `workdays[${index}]`,
        message: `${date} 是工作日，调休上班日只能是周六或周日`,
      });
    if (holidays.some((h) => h.date === date))
      problems.push({ field: `workdays[${index}]`, message: `${date} 同时列为放假日和调休上班日` });
  });
  if (typeof input.source !== 'string' || !input.source.trim())
    problems.push({ field: 'source', message: '请填写来源（如国务院办公厅关于节假日安排的通知文号）' });
  else if (input.source.length > 500) problems.push({ field: 'source', message: '来源不能超过 500 字' });
  return problems;
}

function dateList(
  field: string,
  label: string,
  value: unknown,
  year: number,
  problems: ScheduleProblem[],
): { date: string; index: number }[] {
  if (!Array.isArray(value)) {
    problems.push({ field, message: `${label}应为日期列表` });
    return [];
  }
  const seen = new Set<string>();
  const out: { date: string; index: number }[] = [];
  value.forEach((raw, index) => {
    const at = `${field}[${index}]`;
    if (!isIsoDate(raw)) {
      problems.push({ field: at, message: `“${String(raw)}”不是有效日期，格式应为 YYYY-MM-DD` });
    } else if (Number(raw.slice(0, 4)) !== year) {
      problems.push({ field: at, message: `${raw} 不在 ${year} 年内` });
    } else if (seen.has(raw)) {
      problems.push({ field: at, message: `${raw} 重复` });
    } else {
      seen.add(raw);
      out.push({ date: raw, index });
    }
  });
  return out;
}
