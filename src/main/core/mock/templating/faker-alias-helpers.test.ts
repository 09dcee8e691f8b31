import { describe, expect, it } from 'vitest';
import { fakerAliasHelpers } from './faker-alias-helpers';
import { renderOnce } from './mock-request.fixture';

describe('Faker aliases', () => {
  it.each(Object.keys(fakerAliasHelpers))('%s gives a non-empty value', (name) => {
    expect(renderOnce(`{{${name}}}`).length).toBeGreaterThan(0);
  });

  it('give values of the expected shape', () => {
    expect(renderOnce('{{email}}')).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/i);
    expect(renderOnce('{{hexColor}}')).toMatch(/^#[0-9a-f]{6}$/);
    expect(renderOnce('{{ipv4}}')).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
    expect(renderOnce('{{objectId}}')).toMatch(/^[0-9a-f]{24}$/);
    expect(Math.abs(Number(renderOnce('{{lat}}')))).toBeLessThanOrEqual(90);
    expect(renderOnce('{{lorem 4}}').split(' ')).toHaveLength(4);
    expect(renderOnce('{{countryCode}}')).toMatch(/^[A-Z]{2}$/);
  });

  it('come from the template Faker, so a seed repeats them', () => {
    expect(renderOnce('{{firstName}} {{city}}')).toBe(renderOnce('{{firstName}} {{city}}'));
  });
});
