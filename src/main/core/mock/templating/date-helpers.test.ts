import { describe, expect, it } from 'vitest';
import { FIXED_NOW, renderOnce } from './mock-request.fixture';

function offset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

describe('date helpers', () => {
  it('now formats the clock, ISO 8601 by default', () => {
    expect(renderOnce('{{now}}')).toBe(`2024-01-31T13:45:30.123${offset(FIXED_NOW)}`);
    expect(renderOnce("{{now 'yyyy-MM-dd HH:mm'}}")).toBe('2024-01-31 13:45');
    expect(renderOnce("{{now 'YYYY/DD'}}")).toBe('2024/31');
  });

  it('now names a bad format', () => {
    expect(() => renderOnce("{{now 'yyyy-MM-dd jj'}}")).toThrowError(/now: format "yyyy-MM-dd jj"/);
  });

  it('dateTimeShift shifts now or a given date', () => {
    expect(renderOnce("{{dateTimeShift days=1 hours=-2 format='yyyy-MM-dd HH:mm'}}")).toBe('2024-02-01 11:45');
    expect(renderOnce("{{dateTimeShift date='2024-01-31T00:00:00' months=1 format='yyyy-MM-dd'}}")).toBe('2024-02-29');
    expect(
      renderOnce(
        "{{dateTimeShift date='2020-02-29T10:00:00' years=1 minutes=30 seconds=15 format='yyyy-MM-dd HH:mm:ss'}}",
      ),
    ).toBe('2021-02-28 10:30:15');
    expect(() => renderOnce("{{dateTimeShift date='not a date'}}")).toThrowError(/not a valid date/);
  });

  it('date gives a random date between two dates', () => {
    const day = renderOnce("{{date '2021-03-01' '2021-03-31' 'yyyy-MM-dd'}}");
    expect(day >= '2021-03-01' && day <= '2021-03-31').toBe(true);
    expect(() => renderOnce("{{date '2021-03-01'}}")).toThrowError(/needs a start and an end date/);
  });

  it('dateFormat formats a date text', () => {
    expect(renderOnce("{{dateFormat '2024-07-04T08:09:10' 'dd/MM/yyyy HH:mm'}}")).toBe('04/07/2024 08:09');
  });
});
