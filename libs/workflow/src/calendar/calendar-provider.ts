import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, QueryRunner } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { Database } from '@app/persistence';
import { LoadedYear, calendarRepository } from './calendar.repository';
import { CALENDAR_LAST_YEAR, WorkingCalendar } from './working-days';
import { yearScheduleProblems } from './year-schedule';

export type { LoadedYear };

/**
 * How long a read (a case page, a report) uses the cached calendar before it checks the table's
 * version again, for loads made by another API process. A load through this process
 * (`PUT /api/calendar/:year`) drops the cache at once.
 */
export const CALENDAR_RECHECK_MS = 30_000;

/**
 * The working calendar in force: the package plus the years loaded by an administrator. Cached,
 * so steps, timer fires and case pages do not each load the table: dropped when a year is loaded
 * here, and checked against the table's version (its highest row id) by every transaction on
 * PostgreSQL, where another API process may have loaded a year since (a deadline saved from the
 * old calendar would stay on the task), and by reads every `CALENDAR_RECHECK_MS`. On PGlite this
 * process is the only writer, so its own drop is enough.
 */
@Injectable()
export class CalendarProvider {
  private cached: { version: string; calendar: WorkingCalendar; checkedAt: number } | null = null;
  /** The transactions (their query runners) that have checked the cache already. */
  private readonly checkedIn = new WeakSet<QueryRunner>();

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async current(em: EntityManager): Promise<WorkingCalendar> {
    const now = performance.now();
    const runner = em.queryRunner;
    // Once per transaction: a timer batch computes many deadlines in one.
    const saves =
      this.db.kind === 'postgres' && runner?.isTransactionActive === true && !this.checkedIn.has(runner);
    if (this.cached && !saves && now - this.cached.checkedAt < CALENDAR_RECHECK_MS)
      return this.cached.calendar;
    if (saves) this.checkedIn.add(runner!);
    const version = await calendarRepository.version(em);
    if (this.cached?.version === version) {
      this.cached.checkedAt = now;
      return this.cached.calendar;
    }
    const calendar = new WorkingCalendar(await calendarRepository.inForce(em));
    this.cached = { version, calendar, checkedAt: now };
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
    const loaded = await this.db.transaction(async (em) => {
      await calendarRepository.insert(em, {
        year,
        holidays,
        workdays,
        source: String(input.source).trim(),
        loadedBy: actorId,
        at: this.clock.now(),
      });
      return (await calendarRepository.history(em, year))[0];
    });
    // Dropped after the commit: a read in between would otherwise cache the calendar without it.
    this.cached = null;
    return loaded;
  }
}
