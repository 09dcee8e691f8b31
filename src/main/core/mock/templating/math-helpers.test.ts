import { describe, expect, it } from 'vitest';
import { mockRequest, renderOnce } from './mock-request.fixture';

describe('math helpers', () => {
  it('add, subtract, multiply and divide fold their numeric arguments', () => {
    const request = mockRequest({ query: { page: '3' } });
    expect(renderOnce("{{add (queryParam 'page') 1}} {{add 1 2 3}} {{subtract 10 2 3}}", request)).toBe('4 6 5');
    expect(renderOnce('{{multiply 2 3 4}} {{divide 12 3}} {{modulo 10 4}}')).toBe('24 4 2');
  });

  it('skips what is not a number, and division by zero, as Mockoon', () => {
    expect(renderOnce("{{add 1 'x' 2}} {{divide 8 0 2}} [{{add}}]")).toBe('3 4 []');
  });

  it('round, floor and ceil', () => {
    expect(renderOnce("{{round 2.5}} {{floor '2.9'}} {{ceil 2.1}} [{{round 'x'}}]")).toBe('3 2 3 []');
  });

  it('toFixed rounds to digits', () => {
    expect(renderOnce("{{toFixed 3.14159 2}} {{toFixed '2.5' 0}} {{toFixed 'x' 1}}")).toBe('3.14 3 0.0');
  });
});
