import { base, en, Faker } from '@faker-js/faker';
import type { MockRequest } from '../mock-http';
import { compileTemplate, type TemplateState } from './compile-template';

/** A request as the server would hand it to a template, for tests. */
export function mockRequest(overrides: Partial<MockRequest> = {}): MockRequest {
  return {
    method: 'GET',
    path: '/',
    params: {},
    query: {},
    headers: { host: '127.0.0.1:3000' },
    cookies: {},
    bodyText: '',
    body: undefined,
    ...overrides,
  };
}

export const FIXED_NOW = new Date(2024, 0, 31, 13, 45, 30, 123);

/** Compiles with a seeded Faker and a fixed clock, then renders once. */
export function renderOnce(source: string, request: MockRequest = mockRequest(), state?: TemplateState): string {
  const faker = new Faker({ locale: [en, base], seed: 7 });
  return compileTemplate(source, { root: '/srv/mock', faker, now: () => FIXED_NOW }).render(request, state);
}
