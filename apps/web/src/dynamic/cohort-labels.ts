/** Display words of the 动态管理 screens. */
export const CATEGORY_LABELS: Record<string, string> = {
  stable: '状况稳定（每年核查）',
  unstable: '收入不稳定（每半年核查）',
};

export const PROGRESS_LABELS: Record<string, string> = {
  open: '核查中',
  closed: '已办结',
  not_started: '未发起',
};

export const OUTCOME_LABELS: Record<string, string> = {
  unchanged: '维持不变',
  increased: '已增发',
  decreased: '已减发',
  stopped: '已停发',
  'gradual-exit': '进入渐退期',
};

/** Next month as YYYY-MM (the default period to generate). */
export function nextMonth(today = new Date()): string {
  const d = new Date(today.getFullYear(), today.getMonth() + 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
