/**
 * Reads a pasted holiday schedule: JSON `{ "holidays": [...], "workdays": [...] }` or simple
 * lines, one date or range per line, starting with 休 (holiday) or 班 (make-up workday):
 *   休 2027-02-05 至 2027-02-11
 *   班 2027-02-14
 * Unreadable lines are reported with their line number.
 */
export interface ParsedSchedule {
  holidays: string[];
  workdays: string[];
  problems: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function nextDay(s: string): string {
  const d = new Date(`${s}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function parseScheduleText(text: string): ParsedSchedule {
  const trimmed = text.trim();
  const out: ParsedSchedule = { holidays: [], workdays: [], problems: [] };
  if (!trimmed) return out;
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as { holidays?: unknown; workdays?: unknown };
      out.holidays = Array.isArray(parsed.holidays) ? parsed.holidays.map(String) : [];
      out.workdays = Array.isArray(parsed.workdays) ? parsed.workdays.map(String) : [];
    } catch {
      out.problems.push('JSON 格式有误');
    }
    return out;
  }
  trimmed.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m =
      /^(休|放假|班|上班)\s*[:：]?\s*(\d{4}-\d{2}-\d{2})(?:\s*(?:至|到|~|～|\.\.|—|-{1,2}(?=\s))\s*(\d{4}-\d{2}-\d{2}))?$/.exec(
        line,
      );
    if (!m) {
      out.problems.push(
        `第 ${i + 1} 行无法识别：“${line}”（应如“休 2027-02-05 至 2027-02-11”或“班 2027-02-14”）`,
      );
      return;
    }
    const target = m[1] === '休' || m[1] === '放假' ? out.holidays : out.workdays;
    const from = m[2];
    const to = m[3] ?? m[2];
    if (!isDate(from) || !isDate(to) || to < from) {
      out.problems.push(`第 ${i + 1} 行日期无效：“${line}”`);
      return;
    }
    for (let d = from, n = 0; d <= to && n < 60; d = nextDay(d), n++) target.push(d);
  });
  return out;
}
