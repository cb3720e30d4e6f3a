/** Chinese display formats shared by template helpers and the layout (pure functions). */
import { shanghaiDate } from '@app/common';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** Integer fen → "562.00". Amounts are stored in fen so money never passes through floats. */
export function formatMoney(fen: number): string {
  if (!Number.isInteger(fen)) throw new Error(`金额必须是以分为单位的整数：${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toString();
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

/** "2026-11-03" → "2026年11月3日": GB/T 9704 wants full year, month/day without padding. */
export function formatCnDate(value: string | Date): string {
  // Documents are dated in China Standard Time regardless of the server's zone.
  const iso = value instanceof Date ? shanghaiDate(value) : value;
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`日期格式应为 YYYY-MM-DD：${iso}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** "2026-12" → "2026年12月". */
export function formatCnMonth(isoMonth: string): string {
  const m = ISO_MONTH.exec(isoMonth) ?? ISO_DATE.exec(isoMonth);
  if (!m) throw new Error(`月份格式应为 YYYY-MM：${isoMonth}`);
  return `${m[1]}年${Number(m[2])}月`;
}
