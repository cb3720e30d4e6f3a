import { EntityManager } from 'typeorm';
import type { RecusalHit } from '@app/auth';
import type { RegisteredNearRelative } from './near-relative-register';

/**
 * SQL for a caller's own statement: the near relatives staff member `user` registered, as a JSON
 * array of what `ofStaff` returns.
 */
export function relativesOfStaffJson(user: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('idNumber', nr.relative_id_number,
            'relativeName', nr.relative_name, 'relation', nr.relation)), '[]')
          FROM staff_near_relative nr WHERE nr.staff_user_id = ${user})`;
}

/** The only code that reads the staff near-relative register (近亲属备案). */
export const nearRelativeRepository = {
  /** Registered relatives among these ID numbers, with the staff member who registered them. */
  among(em: EntityManager, idNumbers: string[]): Promise<RegisteredNearRelative[]> {
    return em.query(
      `SELECT r.relative_id_number AS "idNumber", r.relative_name AS "relativeName", r.relation,
              r.staff_user_id AS "staffUserId", u.display_name AS "staffName"
       FROM staff_near_relative r JOIN app_user u ON u.id = r.staff_user_id
       WHERE r.relative_id_number = ANY($1::text[])
       ORDER BY r.relative_id_number, r.registered_at`,
      [idNumbers],
    );
  },
  /** The near relatives this staff member registered. */
  ofStaff(em: EntityManager, staffUserId: string): Promise<(RecusalHit & { idNumber: string })[]> {
    return em.query(
      `SELECT relative_id_number AS "idNumber", relative_name AS "relativeName", relation
       FROM staff_near_relative WHERE staff_user_id = $1`,
      [staffUserId],
    );
  },
};
