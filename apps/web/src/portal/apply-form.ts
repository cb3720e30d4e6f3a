/**
 * The online application as the applicant fills it in, and the checks the stepper runs before
 * moving on. Field keys are the API's (`applicant.idNumber`, `members[1].idNumber`, …) so server
 * errors land next to the same inputs as the inline checks.
 */
import { reactive } from 'vue';
import { residentIdProblem } from '@shared/assistance/resident-id';
import { appToday } from '@web/shared/app-clock';

export const RELATIONS = ['配偶', '子女', '父母', '兄弟姐妹', '祖父母', '孙子女', '其他'];

export interface MemberDraft {
  key: number;
  name: string;
  idNumber: string;
  relation: string;
}

export const STEP_TITLES = ['申请人', '家庭成员', '村（社区）', '核对授权', '确认提交'];

const NAME = /^[\p{Script=Han}\p{L}·.\s]+$/u;

export function newApplication() {
  return reactive({
    program: 'dibao',
    applicant: { name: '', idNumber: '', address: '', phone: '' },
    /** Members after the applicant, who is member 1 automatically. */
    others: [] as MemberDraft[],
    county: '',
    township: '',
    village: '',
    nearRelative: null as boolean | null,
    accepted: false,
    signerName: '',
  });
}

export type Application = ReturnType<typeof newApplication>;

export function members(a: Application) {
  return [
    { name: a.applicant.name.trim(), idNumber: a.applicant.idNumber.trim(), relation: '本人' },
    ...a.others.map((m) => ({ name: m.name.trim(), idNumber: m.idNumber.trim(), relation: m.relation })),
  ];
}

/** The body of POST /api/portal/authorization-text: what the 授权书 prints. */
export function draftBody(a: Application) {
  return {
    program: a.program,
    regionCode: a.village,
    applicant: {
      name: a.applicant.name.trim(),
      idNumber: a.applicant.idNumber.trim(),
      address: a.applicant.address.trim(),
      ...(a.applicant.phone.trim() ? { phone: a.applicant.phone.trim() } : {}),
    },
    members: members(a),
  };
}

/** `variables`: the answers to the program's start form (GET /api/programs), already in API shape. */
export function applicationBody(a: Application, textHash: string, variables: Record<string, unknown> = {}) {
  return {
    ...draftBody(a),
    ...(Object.keys(variables).length ? { variables } : {}),
    nearRelative: a.nearRelative === true,
    authorizationSigned: true,
    authorization: { signerName: a.signerName.trim(), accepted: a.accepted, textHash },
  };
}

/** The same application entered at the window: the household signed the 授权书 on paper. */
export function windowApplicationBody(a: Application, variables: Record<string, unknown> = {}) {
  return {
    ...draftBody(a),
    ...(Object.keys(variables).length ? { variables } : {}),
    nearRelative: a.nearRelative === true,
    authorizationSigned: true,
  };
}

function nameProblem(name: string): string | null {
  if (!name.trim()) return '请填写姓名';
  if (!NAME.test(name.trim())) return '姓名只能包含文字和间隔号';
  return null;
}

function idProblem(id: string): string | null {
  if (!id.trim()) return '请填写身份证号码';
  const p = residentIdProblem(id.trim(), appToday());
  return p ? `身份证号码无效：${p}` : null;
}

/** Inline problems of every field, keyed like the API's error details. */
export function localProblems(a: Application, options: { paper?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (field: string, problem: string | null) => {
    if (problem) out[field] = problem;
  };
  put('applicant.name', nameProblem(a.applicant.name));
  put('applicant.idNumber', idProblem(a.applicant.idNumber));
  if (a.applicant.address.trim().length < 2) out['applicant.address'] = '请填写现住址';
  if (a.applicant.phone.trim() && !/^1\d{10}$/.test(a.applicant.phone.trim()))
    out['applicant.phone'] = '手机号码应为11位数字';
  const seen = new Map<string, number>([[a.applicant.idNumber.trim(), 0]]);
  a.others.forEach((m, i) => {
    const n = i + 1;
    put(`members[${n}].name`, nameProblem(m.name));
    put(`members[${n}].idNumber`, idProblem(m.idNumber));
    if (!m.relation) out[`members[${n}].relation`] = '请选择与申请人的关系';
    const id = m.idNumber.trim();
    if (id && !out[`members[${n}].idNumber`]) {
      if (seen.has(id)) out[`members[${n}].idNumber`] = `与第${seen.get(id)! + 1}位家庭成员的身份证号码重复`;
      else seen.set(id, n);
    }
  });
  if (!a.village) out.regionCode = '请选择户籍所在的村（社区）';
  if (a.nearRelative === null) out.nearRelative = '请选择是或否';
  if (options.paper) {
    if (!a.accepted) out['authorization.accepted'] = '须确认已收存全体成年家庭成员签字的纸质授权书';
    return out;
  }
  if (!a.accepted) out['authorization.accepted'] = '须同意授权后方可申请';
  if (!a.signerName.trim()) out['authorization.signerName'] = '请输入您的姓名作为签名';
  else if (a.signerName.trim() !== a.applicant.name.trim())
    out['authorization.signerName'] = `签名应与申请人姓名“${a.applicant.name.trim()}”一致`;
  return out;
}

/** Which step shows a field, so a server error can send the applicant back to it. */
export function stepOf(field: string): number {
  if (
    field.startsWith('applicant') ||
    field === 'program' ||
    field.startsWith('variables') ||
    /^members\[0\]/.test(field)
  )
    return 0;
  if (field.startsWith('members')) return 1;
  if (field === 'regionCode' || field === 'nearRelative') return 2;
  if (field.startsWith('authorization')) return 3;
  return 4;
}

/** The applicant's own row is edited in step 1: show `members[0].x` errors there. */
export function displayField(field: string): string {
  return field.replace(/^members\[0\]\./, 'applicant.');
}

/** Where the portal keeps the unfinished application form on this device. */
export const DRAFT_KEY = 'sa.portal.applicationDraft';

/**
 * Saves the form as typed so far, so leaving the page does not lose it. The signature (agreement
 * and signer's name) is never kept: it must be given again on the text then in force.
 */
export function saveDraft(a: Application, storage: Pick<Storage, 'setItem'> = localStorage): void {
  const { accepted: _accepted, signerName: _signer, ...rest } = a;
  storage.setItem(DRAFT_KEY, JSON.stringify(rest));
}

/** Restores a saved form into `a`; true when there was one. */
export function restoreDraft(a: Application, storage: Pick<Storage, 'getItem'> = localStorage): boolean {
  try {
    const raw = storage.getItem(DRAFT_KEY);
    if (!raw) return false;
    const saved = JSON.parse(raw) as Partial<Application>;
    if (typeof saved.program === 'string') a.program = saved.program;
    if (saved.applicant) Object.assign(a.applicant, saved.applicant);
    if (Array.isArray(saved.others)) a.others = saved.others;
    for (const k of ['county', 'township', 'village'] as const)
      if (typeof saved[k] === 'string') a[k] = saved[k];
    if (typeof saved.nearRelative === 'boolean') a.nearRelative = saved.nearRelative;
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: Pick<Storage, 'removeItem'> = localStorage): void {
  storage.removeItem(DRAFT_KEY);
}
