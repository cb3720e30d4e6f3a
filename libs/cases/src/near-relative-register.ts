import { EntityManager } from 'typeorm';
import { nearRelativeRepository } from './near-relative.repository';

export interface RegisteredNearRelative {
  idNumber: string;
  relativeName: string;
  relation: string;
  staffUserId: string;
  staffName: string;
}

/**
 * The registered staff near-relatives among these resident ID numbers (审核确认办法第十一条:
 * such a household is registered separately and the county must visit it, 第二十条). Used when an
 * application starts: any hit makes the case a near-relative case.
 */
export async function registeredNearRelatives(
  em: EntityManager,
  idNumbers: string[],
): Promise<RegisteredNearRelative[]> {
  const ids = [...new Set(idNumbers.filter((id) => typeof id === 'string' && id.length > 0))];
  if (!ids.length) return [];
  return nearRelativeRepository.among(em, ids);
}
