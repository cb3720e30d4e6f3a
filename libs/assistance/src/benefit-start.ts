/** 低保金 is paid from the month after the confirmation decision (审核确认办法 Art. 21). */
export function benefitStartMonth(decisionDate: string): string {
  const year = Number(decisionDate.slice(0, 4));
  const month = Number(decisionDate.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
