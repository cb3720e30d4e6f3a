/**
 * Masks the personal details a record quotes (audit `detail`, step form data, the data a document
 * was rendered from) for readers who do not work the case: an auditor checks who did what and when,
 * not a household's illnesses, incomes or savings. Decided by field name, so a new form field named
 * like one of these is masked without anyone listing it. Pure: no framework.
 */
import { maskAddress, maskIdsDeep, maskPhone } from './privacy';

/** What stands in for a withheld value; the key stays, so the reader sees that something was there. */
export const WITHHELD = '〔已脱敏〕';

export type DetailCategory = 'health' | 'income' | 'assets' | 'narrative';

/**
 * Field names by what they hold. Exact names first (the household record, the ADL items of the
 * 特困 self-care assessment, the step forms' free-text findings), then patterns for the rest.
 */
const EXACT: Record<string, DetailCategory> = {
  // 健康、残疾、自理能力 (household members, supporters' flags, 特困 ADL form items)
  health: 'health',
  disability: 'health',
  selfCare: 'health',
  selfCareLabel: 'health',
  eating: 'health',
  dressing: 'health',
  transferring: 'health',
  toileting: 'health',
  indoorWalking: 'health',
  bathing: 'health',
  rigidExpenditures: 'health',
  expenditure: 'health',
  suddenHardship: 'health',
  hardship: 'health',
  needs: 'health',
  // 收入
  incomes: 'income',
  annualFen: 'income',
  // 财产
  assets: 'assets',
  vehicles: 'assets',
  homes: 'assets',
  businesses: 'assets',
  largeAssets: 'assets',
  luxuryCar: 'assets',
  highEndHousing: 'assets',
  // 调查、核对情况: free text written to describe exactly the above
  facts: 'narrative',
  situation: 'narrative',
  neighbourVisit: 'narrative',
};

const PATTERNS: [RegExp, DetailCategory][] = [
  [/health|illness|disab|medical|selfcare|疾病|健康|残疾|病情|自理|医疗/i, 'health'],
  [/income|salary|wage|pension|收入|工资/i, 'income'],
  [/asset|deposit|securities|saving|property|vehicle|存款|资产|财产|车辆|房产/i, 'assets'],
  [/findings$/i, 'narrative'],
];

export function detailCategory(key: string): DetailCategory | null {
  if (Object.prototype.hasOwnProperty.call(EXACT, key)) return EXACT[key];
  for (const [pattern, category] of PATTERNS) if (pattern.test(key)) return category;
  return null;
}

const ADDRESS = /(^|[a-z])address$|^住址$|^地址$/i;
const PHONE = /phone$|^contact$|电话/i;

/**
 * A copy of an audit entry's `detail` (or step data) with health, income, asset and
 * investigation-narrative fields withheld, addresses cut to the village, phones and every resident
 * ID number masked. Anything else (names, dates, actions, case numbers, amounts decided) stays.
 */
export function maskPersonalDetail<T>(value: T): T {
  return maskIdsDeep(walk(value, () => WITHHELD)) as T;
}

/**
 * The data a document was rendered from, masked for a 脱敏副本: withheld text reads 〔已脱敏〕,
 * withheld figures, flags and tables are left out (a template prints nothing for them), the
 * 计算明细 goes, the issuing agency's own address stays. The template's schema may still refuse
 * the result (a form that is nothing but health items); the caller then offers no masked copy.
 */
export function maskDocumentData(data: Record<string, unknown>): Record<string, unknown> {
  const { assessment: _incomes, issuer, ...rest } = data;
  const masked = maskIdsDeep(walk(rest, (v) => (typeof v === 'string' ? WITHHELD : undefined)));
  return { ...(masked as Record<string, unknown>), ...(issuer !== undefined && { issuer }) };
}

function walk(value: unknown, withhold: (v: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, withhold));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    let next: unknown;
    if (v === null || v === undefined) next = v;
    else if (detailCategory(key)) next = withhold(v);
    else if (typeof v === 'string' && ADDRESS.test(key)) next = maskAddress(v);
    else if (typeof v === 'string' && PHONE.test(key)) next = maskPhone(v);
    else next = walk(v, withhold);
    if (next !== undefined) out[key] = next;
  }
  return out;
}
