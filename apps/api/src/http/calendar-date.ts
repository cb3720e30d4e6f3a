import { PipeTransform } from '@nestjs/common';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { AppError, calendarDateProblem, calendarMonthProblem } from '@app/common';

/**
 * A DTO field that must be a real calendar date (@app/common's rule: 2026-02-30 and year 0000 are
 * refused), so no impossible date reaches the database as a 500. `label` starts the message.
 */
export function IsCalendarDate(label: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => calendarDateProblem(value) === undefined,
        defaultMessage: (args) => `${label}${calendarDateProblem(args?.value) ?? ''}`,
      },
    },
    options,
  );
}

/** A DTO field that must be a real month, 'YYYY-MM', in the same years. */
export function IsCalendarMonth(label: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarMonth',
      validator: {
        validate: (value: unknown) => calendarMonthProblem(value) === undefined,
        defaultMessage: (args) => `${label}${calendarMonthProblem(args?.value) ?? ''}`,
      },
    },
    options,
  );
}

/** The same rule for a `@Query('…')` value; absent stays absent. */
export function calendarDatePipe(field: string, label: string): PipeTransform<unknown, string | undefined> {
  return {
    transform(value: unknown): string | undefined {
      if (value === undefined) return undefined;
      const problem = calendarDateProblem(value);
      if (problem)
        throw AppError.validation(`${label}${problem}`, [{ field, message: `${label}${problem}` }]);
      return value as string;
    },
  };
}
