import { describe, expect, it } from 'vitest';
import { mockRequest, renderOnce } from './mock-request.fixture';

describe('value helpers', () => {
  it('array and object build values for other helpers', () => {
    expect(renderOnce("{{#each (array 'a' 'b')}}{{this}}{{/each}}")).toBe('ab');
    // Handlebars' hash order, last pair first, as Mockoon gives it
    expect(renderOnce("{{json (object name='Ann' age=30)}}")).toBe('{"age":30,"name":"Ann"}');
  });

  it('len counts an array or a text', () => {
    expect(renderOnce("{{len (array 1 2 3)}} {{len 'abcd'}} {{len 5}}")).toBe('3 4 0');
  });

  it('concat joins texts, or arrays', () => {
    expect(renderOnce("{{concat 'user-' 7 '-' (urlParam 'id')}}", mockRequest({ params: { id: 'x' } }))).toBe(
      'user-7-x',
    );
    expect(renderOnce('{{json (concat (array 1 2) (array 3))}}')).toBe('[1,2,3]');
  });

  it('split and join', () => {
    expect(renderOnce("{{json (split 'a b c')}} {{json (split 'a,b' ',')}} {{json (split '')}}")).toBe(
      '["a","b","c"] ["a","b"] []',
    );
    expect(renderOnce("{{join (array 'a' 'b')}}|{{join (split 'x-y' '-') '+'}}")).toBe('a, b|x+y');
  });

  it('reverse and slice copy arrays', () => {
    expect(
      renderOnce(
        '{{json (reverse (array 1 2 3))}} {{json (slice (array 1 2 3 4) 1 3)}} {{json (slice (array 1 2 3) 1)}}',
      ),
    ).toBe('[3,2,1] [2,3] [2,3]');
    expect(renderOnce("[{{reverse 'abc'}}][{{slice 'abc' 1}}]")).toBe('[][]');
  });

  it('includes and indexOf search text', () => {
    expect(renderOnce("{{includes 'hello world' 'world'}} {{includes 'hello' 'z'}}")).toBe('true false');
    expect(renderOnce("{{indexOf 'hello' 'l'}} {{indexOf 'hello' 'l' 3}} {{indexOf 'hello' 'z'}}")).toBe('2 3 -1');
  });

  it('lowercase and uppercase', () => {
    expect(renderOnce("{{lowercase 'MiXeD'}} {{uppercase 'MiXeD'}}")).toBe('mixed MIXED');
  });

  it('padStart and padEnd', () => {
    expect(renderOnce("{{padStart 42 5 '0'}}|{{padStart 'ab' 4}}|{{padEnd 'ab' 4 '.'}}")).toBe('00042|  ab|ab..');
  });

  it('stringify gives indented JSON for objects, values as they are', () => {
    expect(renderOnce("{{stringify (object a=1)}}|{{stringify 'x'}}")).toBe('{\n  "a": 1\n}|x');
  });

  it('json quotes and escapes text so a JSON body stays valid', () => {
    const request = mockRequest({ query: { q: 'say "hi"\n\\' } });
    const out = renderOnce('{"q": {{json (queryParam \'q\')}}, "n": {{json 3}}, "none": {{json}} }', request);
    expect(JSON.parse(out)).toEqual({ q: 'say "hi"\n\\', n: 3, none: null });
  });
});
