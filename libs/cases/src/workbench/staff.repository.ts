import { EntityManager } from 'typeorm';

export interface StaffMember {
  id: string;
  name: string;
  regionCode: string;
}

export const staffRepository = {
  /**
   * Active accounts holding any of `duties` (as role or further duty) whose jurisdiction covers
   * `caseRegion`: their region is the case's or one above it. Accounts waiting for a second
   * administrator's confirmation hold no powers yet and are left out.
   */
  async holdersOf(em: EntityManager, duties: string[], caseRegion: string): Promise<StaffMember[]> {
    const rows: { id: string; display_name: string; region_code: string }[] = await em.query(
      `SELECT id, display_name, region_code FROM app_user
       WHERE disabled_at IS NULL AND pending_by IS NULL
         AND (role = ANY($1::text[]) OR extra_roles && $1::text[])
         AND $2 LIKE region_code || '%'
       ORDER BY length(region_code) DESC, display_name`,
      [duties, caseRegion],
    );
    return rows.map((r) => ({ id: r.id, name: r.display_name, regionCode: r.region_code }));
  },
};
