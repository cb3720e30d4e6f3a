/** 刚性支出扣减: medical, tuition and pension-insurance costs, each kind capped by the region. */
import { BASIS } from './basis';
import { type Explanation, yuan } from './explanation';
import { money } from './figures';
import type { RigidExpenditure, RigidExpenditureKind } from './household';
import { type ExactFen, add, fen, lt, min } from './money';
import type { PolicyParameters } from './parameters';

export const RIGID_KIND_LABELS: Record<RigidExpenditureKind, string> = {
  medical: '医疗自付费用',
  tuition: '学费',
  pension_insurance: '养老保险缴费',
};

const KINDS: RigidExpenditureKind[] = ['medical', 'tuition', 'pension_insurance'];

export interface RigidDeduction {
  kind: RigidExpenditureKind;
  /** Member ID for per-person caps, null for household caps. */
  memberIdNumber: string | null;
  claimedFen: ExactFen;
  capFen: ExactFen;
  deductedFen: ExactFen;
}

export function rigidDeductions(
  items: RigidExpenditure[],
  p: PolicyParameters,
  ex: Explanation,
  /** Member names by ID, for the line: whose tuition was capped. */
  names: ReadonlyMap<string, string> = new Map(),
): RigidDeduction[] {
  const out: RigidDeduction[] = [];
  for (const kind of KINDS) {
    const cap = p.rigidExpenditureCaps[kind];
    const ofKind = items.filter((i) => i.kind === kind);
    if (ofKind.length === 0) continue;
    const groups = new Map<string | null, ExactFen>();
    for (const i of ofKind) {
      const key = cap.per === 'person' ? (i.memberIdNumber ?? null) : null;
      groups.set(key, add(groups.get(key) ?? fen(0), fen(i.annualFen)));
    }
    const keys = [...groups.keys()].sort((a, b) => String(a).localeCompare(String(b)));
    for (const key of keys) {
      const claimed = groups.get(key) as ExactFen;
      const capFen = fen(cap.annualCapFen);
      const deducted = min(claimed, capFen);
      const capped = lt(capFen, claimed);
      const whose = key === null ? '全户' : (names.get(key) ?? key);
      const capPer = cap.per === 'person' ? '每人' : '每户';
      ex.amount(
        'rigid.deduction',
        () =>
          `${whose}${RIGID_KIND_LABELS[kind]}扣减：申报${money(claimed)}，${capPer}上限${money(capFen)}，${
            capped ? `超过上限，按上限扣减 = ${money(deducted)}` : `未超上限，全额扣减 = ${money(deducted)}`
          }`,
        deducted,
        () => ({ kind, member: key, claimedYuan: yuan(claimed), capYuan: yuan(capFen), capPer }),
        BASIS.rigid,
      );
      out.push({ kind, memberIdNumber: key, claimedFen: claimed, capFen, deductedFen: deducted });
    }
  }
  return out;
}
