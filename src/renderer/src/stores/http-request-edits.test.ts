import { describe, expect, it } from 'vitest';
import { AssertionSchema } from '../../../shared/http-request';
import {
  assertionValueText,
  newAssertion,
  parseAssertionValue,
  setAssertionOp,
  setAssertionTarget,
} from './http-assertions';
import { bodyOfType, formatXml, setPartKind, withoutBlankRows } from './http-body-edits';
import { describeLookup, lookupVariable, splitTemplate } from './http-variables';

describe('assertion rows', () => {
  it('every edit keeps the assertion valid for the schema', () => {
    let a = newAssertion();
    expect(AssertionSchema.safeParse(a).success).toBe(true);
    a = setAssertionTarget(a, 'header');
    expect(a).toEqual({ target: 'header', name: '', op: 'equals', value: 200 });
    expect(AssertionSchema.safeParse(a).success).toBe(true);
    a = setAssertionTarget(a, 'jsonpath');
    expect(a).toEqual({ target: 'jsonpath', path: '$.', op: 'equals', value: 200 });
    a = setAssertionOp(a, 'exists');
    expect(a).toEqual({ target: 'jsonpath', path: '$.', op: 'exists' });
    expect(AssertionSchema.safeParse(a).success).toBe(true);
    a = setAssertionOp(a, 'contains');
    expect(a.value).toBe('');
    expect(AssertionSchema.safeParse(setAssertionTarget(a, 'body')).data).toEqual({
      target: 'body',
      op: 'contains',
      value: '',
    });
  });

  it('reads typed values as JSON when they are numbers, booleans, lists or objects, else as text', () => {
    expect(parseAssertionValue('200')).toBe(200);
    expect(parseAssertionValue('true')).toBe(true);
    expect(parseAssertionValue('["a",1]')).toEqual(['a', 1]);
    expect(parseAssertionValue('"200"')).toBe('200');
    expect(parseAssertionValue('application/json')).toBe('application/json');
    expect(parseAssertionValue('trueish')).toBe('trueish');
    expect(parseAssertionValue('{not json')).toBe('{not json');
    expect(parseAssertionValue('')).toBe('');
  });

  it('shows values so that they read back the same', () => {
    for (const value of [200, true, null, ['a'], { a: 1 }, 'json', '200', 'true', '']) {
      expect(parseAssertionValue(assertionValueText(value))).toEqual(value);
    }
  });
});

describe('body edits', () => {
  it('carries the text between JSON, text and XML; other types start empty', () => {
    const json = { type: 'json', text: '{"a":1}' } as const;
    expect(bodyOfType(json, 'xml')).toEqual({ type: 'xml', text: '{"a":1}' });
    expect(bodyOfType(json, 'form')).toEqual({ type: 'form', fields: [] });
    expect(bodyOfType(json, 'multipart')).toEqual({ type: 'multipart', parts: [] });
    expect(bodyOfType(json, 'binary')).toEqual({ type: 'binary', file: '' });
    expect(bodyOfType(json, 'none')).toEqual({ type: 'none' });
    expect(bodyOfType(json, 'json')).toBe(json);
  });

  it('switches a part between text and file, never both', () => {
    expect(setPartKind({ name: 'a', value: 'x' }, 'file')).toEqual({ name: 'a', file: '' });
    expect(setPartKind({ name: 'a', file: 'f.png', contentType: 'image/png' }, 'text')).toEqual({
      name: 'a',
      value: '',
      contentType: 'image/png',
    });
  });

  it('leaves out form fields and parts without a name', () => {
    expect(
      withoutBlankRows({
        type: 'form',
        fields: [
          { name: 'a', value: '1' },
          { name: ' ', value: '' },
        ],
      }),
    ).toEqual({ type: 'form', fields: [{ name: 'a', value: '1' }] });
    expect(withoutBlankRows({ type: 'multipart', parts: [{ name: '', value: '' }] })).toEqual({
      type: 'multipart',
      parts: [],
    });
  });

  it('formats XML two spaces a level, text-only elements on one line', () => {
    const xml = '<?xml version="1.0"?><order id="7"><!-- c --><item>Pen</item><empty/><note>a &amp; b</note></order>';
    expect(formatXml(xml)).toBe(
      [
        '<?xml version="1.0"?>',
        '<order id="7">',
        '  <!-- c -->',
        '  <item>Pen</item>',
        '  <empty/>',
        '  <note>a &amp; b</note>',
        '</order>',
      ].join('\n'),
    );
    expect(formatXml(formatXml(xml))).toBe(formatXml(xml));
  });
});

describe('variables', () => {
  it('cuts a URL into text and {{variables}}, losing nothing', () => {
    const url = '{{base}}/users/{{ id }}?q={{$uuid}}&x={{';
    const pieces = splitTemplate(url);
    expect(pieces.map((p) => p.variable)).toEqual(['base', null, 'id', null, '$uuid', null]);
    expect(pieces.map((p) => p.text).join('')).toBe(url);
  });

  it('resolves from the list, knows the dynamic values, and says when one is missing', () => {
    const list = [{ name: 'base', value: 'http://h', scope: 'environment' as const, secret: false }];
    expect(lookupVariable('base', list)).toEqual({
      kind: 'resolved',
      value: 'http://h',
      scope: 'environment',
      secret: false,
    });
    expect(lookupVariable('nope', list)).toEqual({ kind: 'unresolved' });
    expect(lookupVariable('$uuid', null)?.kind).toBe('dynamic');
    expect(lookupVariable('base', null)).toBeNull();
    expect(describeLookup('base', lookupVariable('base', list))).toBe('{{base}} = "http://h" — environment scope');
    expect(describeLookup('nope', { kind: 'unresolved' })).toContain('not defined');
    expect(describeLookup('token', { kind: 'resolved', value: 's3cret', scope: 'global', secret: true })).not.toContain(
      's3cret',
    );
  });
});
