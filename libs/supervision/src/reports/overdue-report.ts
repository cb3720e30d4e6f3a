import { csvText } from '@app/common';
/** Pure shaping of the 超时通报 (overdue report): rows in, per-township summary and CSV out. */

/** Open tasks of a township at one step with one due date: one task, or `count` of them. */
export interface OpenTaskRow {
  township: string;
  caseNo?: string;
  taskName: string;
  dueDate: string | null;
  /** How many tasks the row stands for (1 if absent). */
  count?: number;
}

/** The open task of a township overdue longest. */
export interface OldestOverdueRow {
  township: string;
  caseNo: string;
  taskName: string;
  dueDate: string;
}

export interface PastLimitRow {
  township: string;
  caseNo: string;
  timeLimitDue: string;
}

export interface TownshipOverdue {
  township: string;
  townshipName: string;
  openTasks: number;
  overdueTasks: number;
  /** Overdue open tasks by step name, most first. */
  overdueBySteps: { name: string; count: number }[];
  casesPastLimit: number;
  casesPastLimitNos: string[];
  oldestOverdue: { caseNo: string; taskName: string; dueDate: string; daysOverdue: number } | null;
}

export function overdueReport(input: {
  asOf: string;
  townships: { code: string; name: string }[];
  openTasks: OpenTaskRow[];
  pastLimit: PastLimitRow[];
  /** Each township's oldest overdue task, when `openTasks` are counts that name no case. */
  oldestOverdue?: OldestOverdueRow[];
}): TownshipOverdue[] {
  const sum = (rows: OpenTaskRow[]) => rows.reduce((n, r) => n + (r.count ?? 1), 0);
  return input.townships.map(({ code, name }) => {
    const tasks = input.openTasks.filter((t) => t.township === code);
    const overdue = tasks.filter((t) => t.dueDate !== null && t.dueDate < input.asOf);
    const bySteps = new Map<string, number>();
    for (const t of overdue) bySteps.set(t.taskName, (bySteps.get(t.taskName) ?? 0) + (t.count ?? 1));
    const candidates: { caseNo?: string; taskName: string; dueDate: string | null }[] = input.oldestOverdue
      ? input.oldestOverdue.filter((t) => t.township === code && t.dueDate < input.asOf)
      : overdue;
    const oldest = [...candidates].sort((a, b) =>
      a.dueDate! < b.dueDate! ? -1 : a.dueDate! > b.dueDate! ? 1 : 0,
    )[0];
    const limit = input.pastLimit.filter((c) => c.township === code && c.timeLimitDue < input.asOf);
    return {
      township: code,
      townshipName: name,
      openTasks: sum(tasks),
      overdueTasks: sum(overdue),
      overdueBySteps: [...bySteps.entries()]
        .map(([stepName, count]) => ({ name: stepName, count }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh')),
      casesPastLimit: limit.length,
      casesPastLimitNos: limit.map((c) => c.caseNo).sort(),
      oldestOverdue: oldest
        ? {
            caseNo: oldest.caseNo ?? '',
            taskName: oldest.taskName,
            dueDate: oldest.dueDate!,
            daysOverdue: daysBetween(oldest.dueDate!, input.asOf),
          }
        : null,
    };
  });
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const HEADER = [
  '乡镇（街道）',
  '在办任务数',
  '超期任务数',
  '超期环节',
  '整案超期案件数',
  '整案超期案件',
  '最早超期任务',
  '最早超期到期日',
  '超期天数',
];

/** CSV for spreadsheet programs: UTF-8 with BOM, CRLF, quoted where needed; asOf in the first line. */
export function overdueReportCsv(asOf: string, rows: TownshipOverdue[]): string {
  return csvText([
    [`超时通报（截至 ${asOf}）`],
    HEADER,
    ...rows.map((r) => [
      r.townshipName,
      r.openTasks,
      r.overdueTasks,
      r.overdueBySteps.map((s) => `${s.name}×${s.count}`).join('；'),
      r.casesPastLimit,
      r.casesPastLimitNos.join('；'),
      r.oldestOverdue ? `${r.oldestOverdue.caseNo} ${r.oldestOverdue.taskName}` : '',
      r.oldestOverdue?.dueDate ?? '',
      r.oldestOverdue?.daysOverdue ?? '',
    ]),
  ]);
}
