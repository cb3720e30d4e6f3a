/** 生活自理能力评估 (特困人员认定办法 Arts. 20–23): six activities → ability → care level. */
import type { SelfCareItems } from './household';

export const SELF_CARE_ITEM_LABELS: Record<keyof SelfCareItems, string> = {
  eating: '自主吃饭',
  dressing: '自主穿衣',
  transferring: '自主上下床',
  toileting: '自主如厕',
  indoorWalking: '室内自主行走',
  bathing: '自主洗澡',
};

/** 'full' = 具备生活自理能力; 'partial' = 部分丧失; 'none' = 完全丧失. */
export type SelfCareAbility = 'full' | 'partial' | 'none';
/** 照料护理档次: 全自理 / 半护理 / 全护理. */
export type CareLevel = 'self_care' | 'partial_care' | 'full_care';

export interface SelfCareAssessment {
  failedItems: (keyof SelfCareItems)[];
  ability: SelfCareAbility;
  careLevel: CareLevel;
  label: string;
}

const PARTIAL_MAX_FAILED = 3;

export function assessSelfCare(items: SelfCareItems): SelfCareAssessment {
  const failedItems = (Object.keys(SELF_CARE_ITEM_LABELS) as (keyof SelfCareItems)[]).filter(
    (k) => !items[k],
  );
  const n = failedItems.length;
  if (n === 0)
    return { failedItems, ability: 'full', careLevel: 'self_care', label: '具备生活自理能力（全自理）' };
  if (n <= PARTIAL_MAX_FAILED) {
    return {
      failedItems,
      ability: 'partial',
      careLevel: 'partial_care',
      label: `部分丧失生活自理能力（${n}项不能自理，半护理）`,
    };
  }
  return {
    failedItems,
    ability: 'none',
    careLevel: 'full_care',
    label: `完全丧失生活自理能力（${n}项不能自理，全护理）`,
  };
}
