import { addDays, addHours, addMinutes, addMonths, addSeconds, addYears, format as formatDate } from 'date-fns';
import type { Helper, HelperOptions } from './helper-args';
import { helperError, numberOrUndefined, param, plain, splitArgs, text } from './helper-args';
import { scopeOf } from './render-scope';

/** Mockoon's default date format: ISO 8601 with milliseconds and the local offset. */
const ISO_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSxxx";

/** date-fns tokens (https://date-fns.org/docs/format), with `YYYY` and `DD` allowed as Mockoon allows them. */
function format(name: string, options: HelperOptions, date: Date, pattern: string): string {
  if (Number.isNaN(date.getTime())) throw helperError(name, options, 'the date is not a valid date');
  try {
    return formatDate(date, pattern, { useAdditionalWeekYearTokens: true, useAdditionalDayOfYearTokens: true });
  } catch (error) {
    throw helperError(name, options, `format "${pattern}": ${(error as Error).message}`);
  }
}

function toDate(value: unknown): Date | undefined {
  const raw = plain(value);
  if (raw instanceof Date) return new Date(raw.getTime());
  if (typeof raw === 'string' || typeof raw === 'number') return new Date(raw);
  return undefined;
}

const SHIFTS: [string, (date: Date, amount: number) => Date][] = [
  ['years', addYears],
  ['months', addMonths],
  ['days', addDays],
  ['hours', addHours],
  ['minutes', addMinutes],
  ['seconds', addSeconds],
];

/** Dates: the template's clock for `now` and `dateTimeShift`, its Faker for random dates. */
export const dateHelpers: Record<string, Helper> = {
  /** `now` (ISO 8601) or `now 'yyyy-MM-dd'`. */
  now(...args) {
    const { params, options } = splitArgs(args);
    const pattern = text(param(params, 0)) || ISO_FORMAT;
    return format('now', options, scopeOf(options).now(), pattern);
  },

  /** `dateTimeShift date='2024-01-01' days=1 hours=-2 format='yyyy-MM-dd'`; no date means now. */
  dateTimeShift(...args) {
    const { options } = splitArgs(args);
    const { hash } = options;
    let date = hash.date === undefined ? scopeOf(options).now() : toDate(hash.date);
    if (date === undefined) throw helperError('dateTimeShift', options, 'date= must be a date or date text');
    for (const [unit, shift] of SHIFTS) {
      const amount = numberOrUndefined(hash[unit]);
      if (amount !== undefined) date = shift(date, amount);
    }
    return format('dateTimeShift', options, date, text(hash.format) || ISO_FORMAT);
  },

  /** A random date between two dates: `date '2020-01-01' '2024-12-31' 'yyyy-MM-dd'`. */
  date(...args) {
    const { params, options } = splitArgs(args);
    const from = toDate(param(params, 0));
    const to = toDate(param(params, 1));
    if (from === undefined || to === undefined) {
      throw helperError('date', options, "needs a start and an end date: date '2020-01-01' '2024-12-31'");
    }
    const random = scopeOf(options).faker.date.between({ from, to });
    const pattern = text(param(params, 2));
    return pattern === '' ? random.toString() : format('date', options, random, pattern);
  },

  /** `dateFormat '2024-01-31T10:00:00Z' 'dd/MM/yyyy'`. */
  dateFormat(...args) {
    const { params, options } = splitArgs(args);
    const date = toDate(param(params, 0));
    const pattern = text(param(params, 1));
    if (date === undefined || pattern === '') return '';
    return format('dateFormat', options, date, pattern);
  },
};
