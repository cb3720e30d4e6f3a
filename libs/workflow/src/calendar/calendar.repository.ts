import { EntityManager } from 'typeorm';
import { YearSchedule } from './working-days';

export interface LoadedYear extends YearSchedule {
  id: number;
  version: number;
  source: string;
  loadedBy: string | null;
  loadedAt: Date;
}

/** A `holiday_calendar` row; the date arrays come as JSON (parsed by pg, a string on some drivers). */
interface CalendarRow {
  id: number | string;
  year: number | string;
  version: number | string;
  holidays: string[] | string | null;
  workdays: string[] | string | null;
  source: string;
  loaded_by: string | null;
  loaded_at: Date;
}

const COLUMNS = `id, year, version, array_to_json(holidays) AS holidays, array_to_json(workdays) AS workdays,
  source, loaded_by, loaded_at`;

/** The `holiday_calendar` table: append-only, the newest row of a year is in force. */
export const calendarRepository = {
  /** Changes whenever a year is loaded: the highest row id. */
  async version(em: EntityManager): Promise<string> {
    const [row]: { v: string }[] = await em.query(
      `SELECT coalesce(max(id), 0)::text AS v FROM holiday_calendar`,
    );
    return String(row.v);
  },
  async inForce(em: EntityManager): Promise<LoadedYear[]> {
    const rows: CalendarRow[] = await em.query(
      `SELECT DISTINCT ON (year) ${COLUMNS} FROM holiday_calendar ORDER BY year, id DESC`,
    );
    return rows.map(toLoadedYear);
  },
  /** Every version of a year, newest first. */
  async history(em: EntityManager, year: number): Promise<LoadedYear[]> {
    const rows: CalendarRow[] = await em.query(
      `SELECT ${COLUMNS} FROM holiday_calendar WHERE year = $1 ORDER BY id DESC`,
      [year],
    );
    return rows.map(toLoadedYear);
  },
  /** Stores a year's schedule as its next version; returns that version. */
  async insert(
    em: EntityManager,
    row: {
      year: number;
      holidays: string[];
      workdays: string[];
      source: string;
      loadedBy: string | null;
      at: Date;
    },
  ): Promise<number> {
    // One load of a year at a time, so two never take the same version number.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`holiday_calendar:${row.year}`]);
    const [{ v }]: { v: number | string }[] = await em.query(
      `SELECT coalesce(max(version), 0) + 1 AS v FROM holiday_calendar WHERE year = $1`,
      [row.year],
    );
    await em.query(
      `INSERT INTO holiday_calendar (year, version, holidays, workdays, source, loaded_by, loaded_at)
       VALUES ($1, $2, $3::date[], $4::date[], $5, $6, $7)`,
      [row.year, Number(v), row.holidays, row.workdays, row.source, row.loadedBy, row.at],
    );
    return Number(v);
  },
};

function toLoadedYear(r: CalendarRow): LoadedYear {
  const list = (v: string[] | string | null): string[] =>
    (typeof v === 'string' ? (JSON.parse(v) as unknown[]) : (v ?? [])).map((d) => String(d).slice(0, 10));
  return {
    id: Number(r.id),
    year: Number(r.year),
    version: Number(r.version),
    holidays: list(r.holidays).sort(),
    workdays: list(r.workdays).sort(),
    source: r.source,
    loadedBy: r.loaded_by ?? null,
    loadedAt: r.loaded_at,
  };
}
