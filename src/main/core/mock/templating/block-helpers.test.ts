import { describe, expect, it } from 'vitest';
import { MAX_REPEAT, MAX_REPEATED_PER_RENDER } from './block-helpers';
import { compileTemplate } from './compile-template';
import { mockRequest, renderOnce } from './mock-request.fixture';

describe('repeat', () => {
  it('repeats a block with commas between items and none after the last, as Mockoon', () => {
    expect(renderOnce('[{{#repeat 3}}{"i": {{@index}} }{{/repeat}}]')).toBe('[{"i": 0 },\n{"i": 1 },\n{"i": 2 }\n]');
  });

  it('does not double a comma the block already writes, and drops a trailing one', () => {
    expect(renderOnce('{{#repeat 2}}x,\n  {{/repeat}}')).toBe('x,\nx\n');
  });

  it('leaves commas out with comma=false', () => {
    expect(renderOnce('{{#repeat 3 comma=false}}{{@index}}{{/repeat}}')).toBe('012');
  });

  it('exposes @total, @first and @last', () => {
    expect(
      renderOnce('{{#repeat 3 comma=false}}{{@total}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}};{{/repeat}}'),
    ).toBe('3F;3;3L;');
  });

  it('takes a random count in a range, both ends included', () => {
    const out = renderOnce('{{#repeat 2 4 comma=false}}x{{/repeat}}');
    expect(out.length).toBeGreaterThanOrEqual(2);
    expect(out.length).toBeLessThanOrEqual(4);
  });

  it('takes its count from a query parameter', () => {
    const request = mockRequest({ query: { n: '4' } });
    expect(renderOnce("{{#repeat (queryParam 'n') comma=false}}.{{/repeat}}", request)).toBe('....');
    expect(renderOnce('{{#repeat 0}}x{{/repeat}}')).toBe('');
  });

  it('keeps variables set outside visible inside', () => {
    expect(renderOnce("{{setVar 'p' 'u'}}{{#repeat 2 comma=false}}{{@p}}{{getVar 'p'}}{{/repeat}}")).toBe('uuuu');
  });

  it('refuses a count that is missing, negative, fractional or too large', () => {
    expect(() => renderOnce("{{#repeat 'x'}}.{{/repeat}}")).toThrowError(/repeat: needs a count/);
    expect(() => renderOnce('{{#repeat -1}}.{{/repeat}}')).toThrowError(/count -1 must be a whole number/);
    expect(() => renderOnce('{{#repeat 1.5}}.{{/repeat}}')).toThrowError(/count 1.5/);
    const huge = mockRequest({ query: { n: String(MAX_REPEAT + 1) } });
    expect(() => renderOnce("{{#repeat (queryParam 'n')}}.{{/repeat}}", huge)).toThrowError(
      new RegExp(`count ${MAX_REPEAT + 1} must be a whole number from 0 to ${MAX_REPEAT}`),
    );
  });
});

describe('repeat limits', () => {
  it('stops nested repeats that would multiply past the limit of one response', () => {
    expect(() => renderOnce('{{#repeat 10000}}{{#repeat 10000}}x{{/repeat}}{{/repeat}}')).toThrowError(
      new RegExp(`more than ${MAX_REPEATED_PER_RENDER} repeated items in one response`),
    );
  });

  it('counts per render, so one template renders near the limit again and again', () => {
    const template = compileTemplate('{{#repeat 10 comma=false}}{{#repeat 9000 comma=false}}{{/repeat}}{{/repeat}}', {
      root: '/srv/mock',
    });
    expect(template.render(mockRequest())).toBe('');
    expect(template.render(mockRequest())).toBe('');
  });
});

describe('switch', () => {
  const source =
    "{{#switch (queryParam 'type')}}{{#case 'a'}}A{{/case}}{{#case 'b'}}B{{/case}}{{#case 'b'}}B2{{/case}}{{#default}}D{{/default}}{{/switch}}";

  it('renders the first matching case only', () => {
    expect(renderOnce(source, mockRequest({ query: { type: 'a' } }))).toBe('A');
    expect(renderOnce(source, mockRequest({ query: { type: 'b' } }))).toBe('B');
  });

  it('renders default when no case matches', () => {
    expect(renderOnce(source, mockRequest({ query: { type: 'z' } }))).toBe('D');
    expect(renderOnce(source)).toBe('D');
  });

  it('compares strictly, as Mockoon', () => {
    expect(renderOnce('{{#switch 1}}{{#case "1"}}text{{/case}}{{#case 1}}number{{/case}}{{/switch}}')).toBe('number');
  });

  it('nests', () => {
    expect(
      renderOnce(
        '{{#switch "x"}}{{#case "x"}}{{#switch "y"}}{{#case "x"}}no{{/case}}{{#default}}in{{/default}}{{/switch}}{{/case}}{{/switch}}',
      ),
    ).toBe('in');
  });

  it('refuses case outside switch', () => {
    expect(() => renderOnce('{{#case "a"}}x{{/case}}')).toThrowError(/case: must be inside switch/);
  });
});
