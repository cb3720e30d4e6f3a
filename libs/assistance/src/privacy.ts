/**
 * What of a household's personal data a role sees (个人信息保护法 第六条: no more than the purpose
 * needs). Lists never show full ID numbers, street addresses or health; a case opened on its own
 * page shows everything to the staff who work cases, and a masked view to those who only
 * supervise (legal officers, auditors, administrators). Pure: no framework.
 */
import { maskResidentId } from './resident-id';

export type CaseView = 'list' | 'detail';

export interface Exposure {
  idNumber: 'full' | 'masked';
  address: 'full' | 'masked';
  health: 'shown' | 'hidden';
}

const FULL: Exposure = { idNumber: 'full', address: 'full', health: 'shown' };
const MASKED: Exposure = { idNumber: 'masked', address: 'masked', health: 'hidden' };

/** Roles whose work on a case needs the whole record (the applicant sees their own in the portal). */
const CASEWORK = new Set([
  'window_clerk',
  'investigator',
  'village_assistant',
  'township_reviewer',
  'county_approver',
  'applicant',
]);

/**
 * Whether the role works cases, and so reads its region's records whole; the others (legal officers,
 * auditors, administrators) read masked copies, and originals only with a recorded reason.
 */
export function worksCases(role: string): boolean {
  return CASEWORK.has(role);
}

export function exposureFor(role: string, view: CaseView): Exposure {
  if (view === 'list') return MASKED;
  return CASEWORK.has(role) ? FULL : MASKED;
}

/**
 * Why a duty needs to read the full resident ID numbers of a case, or null when it does not: the
 * window clerk checks them against the ID cards when accepting, the investigator against the
 * household's papers at the home visit. Everyone else compares masked numbers. The reason is
 * written to the audit trail with every full read.
 */
const IDENTITY_CHECKS: Partial<Record<string, string>> = {
  window_clerk: '受理时核对申请人及家庭成员身份证件',
  investigator: '入户调查时核对家庭成员身份证件',
};

export function identityCheckPurpose(duties: readonly string[]): string | null {
  for (const duty of duties) {
    const purpose = IDENTITY_CHECKS[duty];
    if (purpose) return purpose;
  }
  return null;
}

/** "平安县城关镇东关村3组12号" → "平安县城关镇东关村****": the place down to the village, not the house. */
export function maskAddress(address: string): string {
  for (const level of [/^.*?(村|社区|居委会)/u, /^.*?(镇|乡|街道)/u]) {
    const m = level.exec(address);
    if (m) return `${m[0]}****`;
  }
  return `${[...address].slice(0, Math.floor([...address].length / 2)).join('')}****`;
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** Member fields that are health data (健康状况、残疾、自理能力) and go when health is hidden. */
const HEALTH_FIELDS = ['health', 'disability', 'selfCare'] as const;

interface Maskable {
  applicantIdNumber: string;
  applicantAddress: string;
  applicantPhone: string | null;
  household: { idNumber: string }[];
  economics?: object | null;
}

/** A copy of the case with what the exposure withholds masked or removed. */
export function maskCase<T extends Maskable>(kase: T, exposure: Exposure): T {
  if (exposure === FULL) return kase;
  const id = (v: string) => (exposure.idNumber === 'masked' ? maskResidentId(v) : v);
  const economics = kase.economics ? maskEconomics(kase.economics, exposure, id) : kase.economics;
  return {
    ...kase,
    applicantIdNumber: id(kase.applicantIdNumber),
    applicantAddress:
      exposure.address === 'masked' ? maskAddress(kase.applicantAddress) : kase.applicantAddress,
    applicantPhone:
      kase.applicantPhone && exposure.address === 'masked'
        ? maskPhone(kase.applicantPhone)
        : kase.applicantPhone,
    household: kase.household.map((m) => ({ ...m, idNumber: id(m.idNumber) })),
    economics,
  };
}

function maskEconomics(
  economics: object,
  exposure: Exposure,
  id: (v: string) => string,
): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...economics };
  const people = (list: unknown) =>
    Array.isArray(list)
      ? list.map((m) => {
          if (typeof m !== 'object' || m === null) return m;
          const copy: Record<string, unknown> = { ...(m as Record<string, unknown>) };
          if (typeof copy.idNumber === 'string') copy.idNumber = id(copy.idNumber);
          if (exposure.health === 'hidden') {
            for (const f of HEALTH_FIELDS) delete copy[f];
            if (typeof copy.flags === 'object' && copy.flags !== null) {
              const {
                seriousIllness: _ill,
                disability: _dis,
                ...flags
              } = copy.flags as Record<string, unknown>;
              copy.flags = flags;
            }
          }
          return copy;
        })
      : list;
  const masked: Record<string, unknown> = {
    ...fields,
    members: people(fields.members),
    supporters: people(fields.supporters),
  };
  if (exposure.health === 'hidden') {
    // What the medical spending was for, or what befell the household, is health data too.
    if (Array.isArray(fields.rigidExpenditures)) {
      masked.rigidExpenditures = fields.rigidExpenditures.map((e) => {
        if (typeof e !== 'object' || e === null) return e;
        const { note: _note, ...rest } = e as Record<string, unknown>;
        return rest;
      });
    }
    if (typeof fields.suddenHardship === 'object' && fields.suddenHardship !== null) {
      const { description: _description, ...rest } = fields.suddenHardship as Record<string, unknown>;
      masked.suddenHardship = rest;
    }
  }
  return masked;
}

const RESIDENT_ID = /(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g;

/**
 * Every resident ID number anywhere inside `value` (form data, audit details, free text) masked:
 * records that quote people are list views too.
 */
export function maskIdsDeep<T>(value: T): T {
  if (typeof value === 'string') return value.replace(RESIDENT_ID, '$1********$2') as T;
  if (Array.isArray(value)) return value.map((v) => maskIdsDeep(v)) as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskIdsDeep(v);
  return out as T;
}
