import { describe, expect, it } from 'vitest';
import { mockRequest, renderOnce } from './mock-request.fixture';

describe('text helpers', () => {
  it('replace replaces the first occurrence, replaceAll every one, literally', () => {
    expect(renderOnce("{{replace 'a-b-c' '-' '+'}} {{replaceAll 'a-b-c' '-' '+'}}")).toBe('a+b-c a+b+c');
    expect(renderOnce("{{replace 'a.b' '.' '$&$&'}}")).toBe('a$&$&b');
    expect(renderOnce("{{replace 'abc' '' 'x'}}|{{replace 1 '1' '2'}}")).toBe('abc|');
  });

  it('substr takes a start and an optional length', () => {
    expect(renderOnce("{{substr 'hello' 1 3}} {{substr 'hello' 2}} {{substr 'hello' -3 2}}")).toBe('ell llo ll');
  });

  it('base64 and base64Decode, on an argument or a block', () => {
    expect(renderOnce("{{base64 'héllo'}}")).toBe(Buffer.from('héllo').toString('base64'));
    expect(renderOnce("{{#base64}}id={{urlParam 'id'}}{{/base64}}", mockRequest({ params: { id: '7' } }))).toBe(
      Buffer.from('id=7').toString('base64'),
    );
    expect(renderOnce("{{base64Decode 'aMOpbGxv'}}")).toBe('héllo');
  });

  it('newline and parseInt', () => {
    expect(renderOnce('a{{newline}}b')).toBe('a\nb');
    expect(renderOnce("{{parseInt '42px'}}|{{parseInt 'px'}}|{{add (parseInt '4') 1}}")).toBe('42||5');
  });
});
