import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { Database } from '@app/persistence';
import { LoadedYear, calendarRepository } from './calendar.repository';
import { CALENDAR_LAST_YEAR, WorkingCalendar } from './working-days';
import { yearScheduleProblems } from './year-schedule';

export type { LoadedYear };

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
