import { EntityManager } from 'typeorm';

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
  return em.query(
    `SELECT r.relative_id_number AS "idNumber", r.relative_name AS "relativeName", r.relation,
            r.staff_user_id AS "staffUserId", u.display_name AS "staffName"
     FROM staff_near_relative r JOIN app_user u ON u.id = r.staff_user_id
     WHERE r.relative_id_number = ANY($1::text[])
     ORDER BY r.relative_id_number, r.registered_at`,
    [ids],
  );
}
