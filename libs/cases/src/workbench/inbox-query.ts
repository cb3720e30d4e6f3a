import { AppError, ErrorDetail, isCalendarDate } from '@app/common';
import { InboxCursor, decodeInboxCursor } from './inbox-cursor';
import { CASE_URGENCIES, CASE_URGENCY_LABELS, CaseUrgency, isCaseUrgency } from '../linshi/linshi-rules';

export type InboxSort = 'due' | 'hardship' | 'created' | 'urgency';

export interface InboxFilter {
  program?: string;
  /** 9-digit township code; the case's village code starts with it. */
  township?: string;
  /** Only tasks due on or before this date (YYYY-MM-DD). */
  dueBefore?: string;
  /** Four-colour urgency tag of the case (四色：red/yellow/blue/green). */
  urgency?: CaseUrgency;
  sort?: InboxSort;
  order?: 'asc' | 'desc';
  /** Only the tasks the user holds, or holds for a colleague who delegated to them (我的任务). */
  mine?: boolean;
  /** Rows per page (1–200). */
  limit?: number;
  /** Where the page starts: the page before's `nextCursor`, decoded. */
  after?: InboxCursor;
}

export const INBOX_MAX_PAGE = 200;

/** A cursor this server did not write, or wrote for another sort or order. */
export const AFTER_INVALID =
  '翻页位置（after）无效：请使用上一页响应头 X-Next-Cursor 的值，并保持相同的排序方式';

const SORTS: InboxSort[] = ['due', 'hardship', 'created', 'urgency'];

/** Reads the inbox query string; every bad parameter is named in one 400. */
export function parseInboxFilter(query: Record<string, unknown>, programs: string[]): InboxFilter {
  const problems: ErrorDetail[] = [];
  const text = (name: string): string | undefined => {
    const v = query[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string') {
      problems.push({ field: name, message: `参数 ${name} 只能出现一次` });
      return undefined;
    }
    return v.trim();
  };
  const filter: InboxFilter = {};
  const program = text('program');
  if (program !== undefined) {
    if (programs.includes(program)) filter.program = program;
    else
      problems.push({
        field: 'program',
        message: `不支持的救助项目“${program}”，可选：${programs.join('、')}`,
      });
  }
  const township = text('township');
  if (township !== undefined) {
    if (/^\d{9}$/.test(township)) filter.township = township;
    else problems.push({ field: 'township', message: '乡镇（街道）代码应为9位数字' });
  }
  const dueBefore = text('dueBefore');
  if (dueBefore !== undefined) {
    if (isCalendarDate(dueBefore)) filter.dueBefore = dueBefore;
    else problems.push({ field: 'dueBefore', message: '截止日期应为有效日期，格式 YYYY-MM-DD' });
  }
  const urgency = text('urgency');
  if (urgency !== undefined) {
    if (isCaseUrgency(urgency)) filter.urgency = urgency;
    else
      problems.push({
        field: 'urgency',
        message: `紧急程度只能是 ${CASE_URGENCIES.map((u) => `${u}（${CASE_URGENCY_LABELS[u]}）`).join('、')}`,
      });
  }
  const sort = text('sort');
  if (sort !== undefined) {
    if ((SORTS as string[]).includes(sort)) filter.sort = sort as InboxSort;
    else
      problems.push({
        field: 'sort',
        message:
          '排序方式只能是 due（期限）、hardship（困难指数）、created（创建时间）或 urgency（紧急程度）',
      });
  }
  const order = text('order');
  if (order !== undefined) {
    if (order === 'asc' || order === 'desc') filter.order = order;
    else problems.push({ field: 'order', message: '排序方向只能是 asc（升序）或 desc（降序）' });
  }
  const mine = text('mine');
  if (mine !== undefined) {
    if (mine === 'true' || mine === 'false') filter.mine = mine === 'true';
    else problems.push({ field: 'mine', message: '“我的任务”参数 mine 只能是 true 或 false' });
  }
  const limit = text('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (/^\d+$/.test(limit) && n >= 1 && n <= INBOX_MAX_PAGE) filter.limit = n;
    else problems.push({ field: 'limit', message: `每页条数应为 1 至 ${INBOX_MAX_PAGE} 的整数` });
  }
  const after = text('after');
  if (after !== undefined) {
    const cursor = decodeInboxCursor(after);
    if (cursor) filter.after = cursor;
    else problems.push({ field: 'after', message: AFTER_INVALID });
  }
  if (problems.length) throw AppError.validation(`查询参数有误：${problems[0].message}`, problems);
  return filter;
}
