import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { Database } from '@app/persistence';
import { CALENDAR_LAST_YEAR, WorkingCalendar, YearSchedule } from './working-days';
import { yearScheduleProblems } from './year-schedule';

export interface LoadedYear extends YearSchedule {
  id: number;
  version: number;
  source: string;
  loadedBy: string | null;
  loadedAt: Date;
}

/** The `holiday_calendar` table: append-only, the newest row of a year is in force. */
const calendarRepository = {
  async version(em: EntityManager): Promise<string> {
    const [row] = await em.query(`SELECT coalesce(max(id), 0)::text AS v FROM holiday_calendar`);
    return String(row.v);
  },
  async inForce(em: EntityManager): Promise<LoadedYear[]> {
    const rows: any[] = await em.query(
      `SELECT DISTINCT ON (year) id, year, version, array_to_json(holidays) AS holidays,
              array_to_json(workdays) AS workdays, source, loaded_by, loaded_at
       FROM holiday_calendar ORDER BY year, id DESC`,
    );
    return rows.map(toLoadedYear);
  },
  async history(em: EntityManager, year: number): Promise<LoadedYear[]> {
    const rows: any[] = await em.query(
      `SELECT id, year, version, array_to_json(holidays) AS holidays, array_to_json(workdays) AS workdays,
              source, loaded_by, loaded_at
       FROM holiday_calendar WHERE year = $1 ORDER BY id DESC`,
      [year],
    );
    return rows.map(toLoadedYear);
  },
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
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`holiday_calendar:${row.year}`]);
    const [{ v }] = await em.query(
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

function toLoadedYear(r: any): LoadedYear {
  const list = (v: unknown): string[] =>
    (typeof v === 'string' ? (JSON.parse(v) as unknown[]) : ((v as unknown[]) ?? [])).map((d) =>
      String(d).slice(0, 10),
    );
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

/**
 * The working calendar in force: the package plus the years loaded by an administrator. Cached;
 * each read checks the table's version (its highest row id) in the caller's transaction, so a
 * schedule loaded by any API process is used by the next step everywhere.
 */
@Injectable()
export class CalendarProvider {
  private cached: { version: string; calendar: WorkingCalendar } | null = null;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async current(em: EntityManager): Promise<WorkingCalendar> {
    const version = await calendarRepository.version(em);
    if (this.cached?.version === version) return this.cached.calendar;
    const calendar = new WorkingCalendar(await calendarRepository.inForce(em));
    this.cached = { version, calendar };
    return calendar;
  }

  /** Outside a transaction (reports, case pages). */
  read(): Promise<WorkingCalendar> {
    return this.db.read((em) => this.current(em));
  }

  /** Years covered, by the package and by loaded schedules. */
  async overview() {
    return this.db.read(async (em) => {
      const loaded = await calendarRepository.inForce(em);
      return {
        packageLastYear: CALENDAR_LAST_YEAR,
        packageYears: { from: 2004, to: CALENDAR_LAST_YEAR },
        loaded: loaded.map((y) => ({
          year: y.year,
          version: y.version,
          holidays: y.holidays,
          workdays: y.workdays,
          source: y.source,
          loadedBy: y.loadedBy,
          loadedAt: y.loadedAt,
        })),
        today: this.clock.today(),
      };
    });
  }

  async year(year: number) {
    return this.db.read(async (em) => {
      const calendar = await this.current(em);
      return {
        year,
        source: calendar.source(year),
        history: await calendarRepository.history(em, year),
      };
    });
  }

  /** Loads (or replaces, as a new version) one year's schedule. */
  async load(
    year: number,
    input: { holidays?: unknown; workdays?: unknown; source?: unknown },
    actorId: string | null,
  ): Promise<LoadedYear> {
    const problems = yearScheduleProblems(year, input);
    if (problems.length) throw AppError.validation(problems[0].message, problems);
    const holidays = [...new Set(input.holidays as string[])].sort();
    const workdays = [...new Set(input.workdays as string[])].sort();
    return this.db.transaction(async (em) => {
      await calendarRepository.insert(em, {
        year,
        holidays,
        workdays,
        source: String(input.source).trim(),
        loadedBy: actorId,
        at: this.clock.now(),
      });
      this.cached = null;
      return (await calendarRepository.history(em, year))[0];
    });
  }
}
