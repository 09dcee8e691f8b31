import { describe, expect, it } from 'vitest';
import { mockRequest, renderOnce } from './mock-request.fixture';

const request = mockRequest({ params: { id: '42' }, query: { n: '10', empty: '' } });

describe('logic helpers', () => {
  it('eq compares strictly, after unwrapping helper results', () => {
    expect(renderOnce("{{#if (eq (urlParam 'id') '42')}}yes{{else}}no{{/if}}", request)).toBe('yes');
    expect(renderOnce("{{#if (eq (queryParam 'n') '10')}}yes{{else}}no{{/if}}", request)).toBe('yes');
    expect(renderOnce("{{eq (urlParam 'id') 42}}", request)).toBe('false');
  });

  it('gt, gte, lt and lte compare numbers and numeric text', () => {
    expect(renderOnce("{{gt (queryParam 'n') 9}} {{gt 9 9}} {{gte 9 9}} {{lt 1 2}} {{lte 3 2}}", request)).toBe(
      'true false true true false',
    );
    expect(renderOnce("{{gt 'abc' 1}} {{lt 1 'x'}}")).toBe('false false');
  });

  it('and, or and not combine conditions', () => {
    expect(renderOnce('{{and true 1 "x"}} {{and true 0}} {{or false "" 1}} {{or false 0}} {{not ""}} {{not 1}}')).toBe(
      'true false true false true false',
    );
    expect(renderOnce("{{#if (and (eq (urlParam 'id') '42') (not (queryParam 'empty')))}}ok{{/if}}", request)).toBe(
      'ok',
    );
    expect(renderOnce('{{not (array)}} {{and (array 1)}}')).toBe('true true');
  });
});
