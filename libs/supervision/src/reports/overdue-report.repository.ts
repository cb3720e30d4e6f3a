import { EntityManager } from 'typeorm';

/** An open task of a case, as the database returns it (`due_date` as text). */
export interface OpenTaskDbRow {
  township: string;
  case_no: string;
  name: string;
  due_date: string | null;
}

/** A case in progress whose whole-case time limit has passed (`time_limit_due` as text). */
export interface PastLimitDbRow {
  township: string;
  case_no: string;
  time_limit_due: string;
}

/** What the 超时通报 reads: the townships of a region, their open tasks and cases past their limit. */
export const overdueReportRepository = {
  /** Townships within the region, or the township the region lies in. */
  townships(em: EntityManager, regionCode: string): Promise<{ code: string; name: string }[]> {
    return em.query(
      `SELECT code, name FROM region WHERE level = 'township' AND (code LIKE $1 OR $2 LIKE code || '%') ORDER BY code`,
      [`${regionCode}%`, regionCode],
    );
  },
  openTasks(em: EntityManager, regionCode: string): Promise<OpenTaskDbRow[]> {
    return em.query(
      `SELECT substr(c.region_code, 1, 9) AS township, c.case_no, t.name, t.due_date::text AS due_date
       FROM task t JOIN assistance_case c ON c.process_instance_id = t.instance_id
       WHERE t.status = 'open' AND c.region_code LIKE $1`,
      [`${regionCode}%`],
    );
  },
  /** Cases in progress whose time limit fell before `asOf`. */
  pastLimit(em: EntityManager, regionCode: string, asOf: string): Promise<PastLimitDbRow[]> {
    return em.query(
      `SELECT substr(region_code, 1, 9) AS township, case_no, time_limit_due::text AS time_limit_due
       FROM assistance_case
       WHERE status = 'in_progress' AND time_limit_due IS NOT NULL AND time_limit_due < $2::date AND region_code LIKE $1`,
      [`${regionCode}%`, asOf],
    );
  },
  async regionName(em: EntityManager, code: string): Promise<string | null> {
    const rows: { name: string }[] = await em.query(`SELECT name FROM region WHERE code = $1`, [code]);
    return rows[0]?.name ?? null;
  },
};
