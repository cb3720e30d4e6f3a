/** Pure shaping of the 超时通报 (overdue report): rows in, per-township summary and CSV out. */

export interface OpenTaskRow {
  township: string;
  caseNo: string;
  taskName: string;
  dueDate: string | null;
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
}): TownshipOverdue[] {
  return input.townships.map(({ code, name }) => {
    const tasks = input.openTasks.filter((t) => t.township === code);
    const overdue = tasks.filter((t) => t.dueDate !== null && t.dueDate < input.asOf);
    const bySteps = new Map<string, number>();
    for (const t of overdue) bySteps.set(t.taskName, (bySteps.get(t.taskName) ?? 0) + 1);
    const oldest = [...overdue].sort((a, b) =>
      a.dueDate! < b.dueDate! ? -1 : a.dueDate! > b.dueDate! ? 1 : 0,
    )[0];
    const limit = input.pastLimit.filter((c) => c.township === code && c.timeLimitDue < input.asOf);
    return {
      township: code,
      townshipName: name,
      openTasks: tasks.length,
      overdueTasks: overdue.length,
      overdueBySteps: [...bySteps.entries()]
        .map(([stepName, count]) => ({ name: stepName, count }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh')),
      casesPastLimit: limit.length,
      casesPastLimitNos: limit.map((c) => c.caseNo).sort(),
      oldestOverdue: oldest
        ? {
            caseNo: oldest.caseNo,
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
  const cell = (v: string | number) => {
    const text = String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [
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
  ];
  return '\ufeff' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}
