/**
 * Masks the personal details a record quotes (audit `detail`, step form data, the data a document
 * was rendered from) for readers who do not work the case: an auditor checks who did what and when,
 * not a household's illnesses, incomes or savings. Health, income and asset fields are known by
 * name; for a reader who does not work cases every other text is withheld too unless its key is on
 * a whitelist of bookkeeping (ids, actions, statuses, dates…), so a new free-text field is masked
 * without anyone listing it. Pure: no framework.
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
 * Keys whose text is the record's own bookkeeping, safe to show a reader who does not work the
 * case: ids, names of actions, steps, templates and people (who did what), statuses and decisions,
 * dates, versions, region codes, document numbers and hashes. A whitelist: any other text (a new
 * form field, a narrative, what an event was) is withheld by default.
 */
const SAFE_TEXT = new Set([
  'id',
  'at',
  'action',
  'name',
  'username',
  'displayName',
  'actorName',
  'actorRole',
  'staffName',
  'signerName',
  'applicantName',
  'role',
  'roles',
  'duties',
  'extraRoles',
  'candidateGroups',
  'status',
  'outcome',
  'decision',
  'program',
  'urgency',
  'relation',
  'method',
  'path',
  'channel',
  'riskLevel',
  'number',
  'version',
  'due',
  'limit',
  'proposedBy',
  'approvedBy',
  'createdBy',
  'sha256',
  'seed',
  'ledgerHead',
  'contentType',
  // A 查阅事由 is what the auditor reads the break-glass record for. (A plain `reason` is a
  // caseworker's narrative — why a time limit was extended — and is withheld.)
  'readingReason',
  // Resident ID numbers stay as masked ones (maskIdsDeep), so the reader can tell people apart.
  'idNumber',
]);
const SAFE_TEXT_PATTERN = /(Id|Ids|At|Date|On|From|Until|Due|No|Code|Region|Hash|Version|Key|Role|Roles)$/;

/** Figures that are amounts of a household's money (incomes, savings, spending) rather than counts. */
const AMOUNT = /fen$|yuan$|amount|income|salary|wage|deposit|asset|saving|金额|收入|存款|元$/i;
/** Amounts decided on the case (the benefit), which the record of the decision shows. */
const DECIDED_AMOUNTS = new Set(['amount', 'benefitFen', 'monthlyBenefitFen', 'approvedAmountFen']);

function safeText(key: string): boolean {
  return SAFE_TEXT.has(key) || SAFE_TEXT_PATTERN.test(key);
}

/**
 * A copy of an audit entry's `detail` (or step data) for readers who do not work the case: health,
 * income and asset fields withheld whatever they hold, every other text withheld unless its key is
 * on the bookkeeping whitelist, amounts of money withheld, addresses cut to the village, phones and
 * every resident ID number masked. Who did what and when (names, dates, actions, case numbers,
 * statuses, decisions, counts) stays.
 */
export function maskPersonalDetail<T>(value: T): T {
  return maskIdsDeep(redact(value, '')) as T;
}

function redact(value: unknown, key: string): unknown {
  if (value === null || value === undefined || value instanceof Date) return value;
  if (key && detailCategory(key)) return WITHHELD;
  if (Array.isArray(value)) return value.map((v) => redact(v, key));
  if (typeof value === 'string') {
    if (ADDRESS.test(key)) return maskAddress(value);
    if (PHONE.test(key)) return maskPhone(value);
    return safeText(key) ? value : WITHHELD;
  }
  if (typeof value === 'number' || typeof value === 'bigint')
    return AMOUNT.test(key) && !DECIDED_AMOUNTS.has(key) ? WITHHELD : value;
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redact(v, k);
  return out;
}

/**
 * The data a document was rendered from, masked for a 脱敏副本: withheld text reads 〔已脱敏〕,
 * withheld figures, flags and tables are left out (a template prints nothing for them), the
 * 计算明细 goes, the issuing agency's own address and the legal instruments cited stay. The template's schema may still refuse
 * the result (a form that is nothing but health items); the caller then offers no masked copy.
 */
export function maskDocumentData(data: Record<string, unknown>): Record<string, unknown> {
  // The region's instruments (data.instruments: 《…低收入人口认定办法》…第五条) are law, not personal
  // data: a key such as `lowIncome` must not read as an income and withhold the citation.
  const { assessment: _incomes, issuer, instruments, ...rest } = data;
  const masked = maskIdsDeep(walk(rest, (v) => (typeof v === 'string' ? WITHHELD : undefined)));
  return {
    ...(masked as Record<string, unknown>),
    ...(issuer !== undefined && { issuer }),
    ...(instruments !== undefined && { instruments }),
  };
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
