import { describe, expect, it } from 'vitest';
import { bodyText, bodyValue } from './body-text';

describe('bodyValue', () => {
  it('stores typed JSON as data', () => {
    expect(bodyValue('{"hi": "there"}')).toEqual({ hi: 'there' });
    expect(bodyValue('[1, 2]')).toEqual([1, 2]);
  });

  it('keeps JSON with a template as text, so the mock renders the template', () => {
    const typed = `{"hello": "{{urlParam 'name'}}"}`;
    expect(bodyValue(typed)).toBe(typed);
    expect(bodyValue(`[{{#repeat 2}}{"id": {{@index}}}{{/repeat}}]`)).toBe(
      `[{{#repeat 2}}{"id": {{@index}}}{{/repeat}}]`,
    );
  });

  it('keeps text that is not JSON as typed', () => {
    expect(bodyValue('hello')).toBe('hello');
    expect(bodyValue('{not json')).toBe('{not json');
  });

  it('shows data as indented JSON and text as is', () => {
    expect(bodyText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(bodyText('plain')).toBe('plain');
    expect(bodyText(undefined)).toBe('');
  });
});
