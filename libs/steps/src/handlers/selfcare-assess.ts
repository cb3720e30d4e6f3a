import { Injectable } from '@nestjs/common';
import { SELF_CARE_ITEM_LABELS, assessSelfCare } from '@app/assessment';
import type { SelfCareItems } from '@app/assessment';
import type { ServiceCall } from '@app/workflow';
import { ModelService } from '../model-service';

const SELF_CARE_KEYS = Object.keys(SELF_CARE_ITEM_LABELS) as (keyof SelfCareItems)[];

/**
 * `selfcare.assess` (特困): the six ADL answers of the form → 生活自理能力 and 照料护理档次
 * (《特困人员认定办法》Arts. 20–22, pure `assessSelfCare`).
 */
@Injectable()
export class SelfCareAssess implements ModelService {
  readonly name = 'selfcare.assess';

  async run(call: ServiceCall): Promise<Record<string, unknown>> {
    const missing = SELF_CARE_KEYS.filter((k) => typeof call.variables[k] !== 'boolean');
    if (missing.length)
      throw new Error(`生活自理能力评估缺少项目：${missing.map((k) => SELF_CARE_ITEM_LABELS[k]).join('、')}`);
    const items = Object.fromEntries(SELF_CARE_KEYS.map((k) => [k, call.variables[k] === true]));
    const result = assessSelfCare(items as unknown as SelfCareItems);
    return {
      careLevel: result.careLevel,
      selfCareAbility: result.ability,
      selfCareLabel: result.label,
      failedItems: result.failedItems.map((k) => SELF_CARE_ITEM_LABELS[k]),
    };
  }
}
