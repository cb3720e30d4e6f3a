/**
 * GB 11643 resident ID check, ported from libs/assistance/src/resident-id.ts so the applicant sees
 * a mistyped number at once; the server checks again with the same rules and the same words.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Why an ID number is invalid, in words the applicant can act on; null when it is valid. */
export function residentIdProblem(id: string, today: string = localToday()): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return '应为18位，前17位为数字，末位为数字或大写X';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth || birth < '1900-01-01') {
    return `出生日期 ${birth} 不存在`;
  }
  if (birth > today) return `出生日期 ${birth} 晚于今天`;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if (CHECK_CHARS[sum % 11] !== id[17]) return '校验码错误（GB 11643），请核对号码';
  return null;
}

/** Masks for display: first 6 and last 4 remain. */
export function maskResidentId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '******';
}

function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
