import { withCheckDigit } from '@app/assistance';
import { APPLICATION, WORKED_EXAMPLE } from '../../support/case-driver';

/** A deep copy of `base` with the value at `path` ("a.b[2].c") replaced. */
export function withField<T>(base: T, path: string, value: unknown): T {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  const keys = path.split(/\.|\[|\]/).filter(Boolean);
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    if (node[key] === undefined) throw new Error(`corpus: ${path} does not exist in the base body`);
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (!(last in node)) throw new Error(`corpus: ${path} does not exist in the base body`);
  node[last] = value;
  return copy as T;
}

/** A valid window application (the e2e family); the corpus changes one field at a time. */
export const APPLICATION_BODY = APPLICATION;

/** Sets the applicant's ID number in both places it must agree (applicant and member 本人). */
export const applicationWithApplicantId = (id: unknown) =>
  withField(withField(APPLICATION, 'applicant.idNumber', id), 'members[0].idNumber', id);

/** A valid monitoring event from another department (a person not yet known to the system). */
export const MONITORING_EVENT = {
  source: '县医疗保障局',
  sourceEventId: 'HOSTILE-0001',
  type: 'hospitalization',
  occurredOn: '2026-11-20',
  person: {
    name: '张秀兰',
    idNumber: withCheckDigit('41079919850312452'),
    address: '平安县城关镇东关村三组18号',
    phone: '13805712345',
  },
  regionCode: '410799100201',
  details: '在县人民医院住院治疗，个人自付医疗费用3.6万元。',
  amountFen: 3_600_000,
};

/** The near-relative register entry (staff id filled in from the context). */
export const nearRelative = (staffUserId: string) => ({
  staffUserId,
  relativeName: '钱小华',
  relativeIdNumber: withCheckDigit('41079919800101001'),
  relation: '配偶',
  note: '本人申报',
});

export const ECONOMICS = { household: WORKED_EXAMPLE };

export const RECHECK_DRAW = { regionCode: '410799', ratio: 0.3, program: 'dibao' };

/** A complete answer to the township review (乡镇初审) form: the corpus spoils one field of it. */
export const REVIEW_FORM = {
  opinion: 'eligible',
  proposedAmount: '562',
  coveredPersons: 3,
  reasons: '经调查核实，家庭人均收入低于当地最低生活保障标准。',
};
