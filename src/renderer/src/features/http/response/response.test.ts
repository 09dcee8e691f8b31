import { describe, expect, it } from 'vitest';
import { bodyFileName, bodyViews } from './body-kind';
import { base64Bytes, hexRows } from './hex-dump';
import { indentJson } from './json-indent';
import { selectJsonPath } from './json-path-filter';
import { PREVIEW_CSP, previewDocument } from './preview-document';
import { cookieFlags, parseSetCookie, responseCookies } from './set-cookie';
import { formatXml } from './xml-format';

describe('bodyViews', () => {
  it('offers the view that fits the content type first', () => {
    expect(bodyViews('application/json; charset=utf-8', 'utf8', '{"a":1}')).toEqual(['pretty', 'raw', 'hex']);
    expect(bodyViews('application/problem+json', 'utf8', 'not json')).toEqual(['pretty', 'raw', 'hex']);
    expect(bodyViews('text/plain', 'utf8', ' [1, 2]')).toEqual(['pretty', 'raw', 'hex']);
    expect(bodyViews('text/plain', 'utf8', '{not json')).toEqual(['raw', 'hex']);
    expect(bodyViews('application/soap+xml', 'utf8', '<a/>')).toEqual(['xml', 'raw', 'hex']);
    expect(bodyViews('text/html', 'utf8', '<p>')).toEqual(['html', 'raw', 'hex']);
    expect(bodyViews('image/svg+xml', 'utf8', '<svg/>')).toEqual(['image', 'xml', 'raw', 'hex']);
    expect(bodyViews('image/png', 'base64', 'iVBO')).toEqual(['image', 'hex']);
    expect(bodyViews('application/octet-stream', 'base64', 'AAE=')).toEqual(['hex']);
    expect(bodyViews(null, 'base64', 'AAE=')).toEqual(['hex']);
  });

  it('names the saved file by its media type', () => {
    expect(bodyFileName('application/json', 'utf8')).toBe('response.json');
    expect(bodyFileName('application/vnd.api+json', 'utf8')).toBe('response.json');
    expect(bodyFileName('text/xml', 'utf8')).toBe('response.xml');
    expect(bodyFileName('image/png', 'base64')).toBe('response.png');
    expect(bodyFileName('application/octet-stream', 'base64')).toBe('response.bin');
    expect(bodyFileName(null, 'utf8')).toBe('response.txt');
  });
});

describe('hexRows', () => {
  it('shows offset, hex in two groups of eight and printable ASCII', () => {
    const bytes = base64Bytes(Buffer.from('Hello, binary\x00\x01\xff world!', 'latin1').toString('base64'));
    const rows = hexRows(bytes);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      offset: '00000000',
      hex: '48 65 6c 6c 6f 2c 20 62  69 6e 61 72 79 00 01 ff',
      ascii: 'Hello, binary...',
    });
    expect(rows[1]).toEqual({ offset: '00000010', hex: '20 77 6f 72 6c 64 21', ascii: ' world!' });
  });

  it('shows a window of the bytes', () => {
    const rows = hexRows(new Uint8Array(100), 32, 64);
    expect(rows.map((r) => r.offset)).toEqual(['00000020', '00000030']);
  });
});

describe('selectJsonPath', () => {
  const json = { items: [{ id: 1 }, { id: 2, tags: ['a'] }], total: 2 };

  it('selects every match in document order', () => {
    expect(selectJsonPath(json, '$.items[*].id')).toEqual({ values: [1, 2] });
    expect(selectJsonPath(json, ' $.total ')).toEqual({ values: [2] });
    expect(selectJsonPath(json, '$..tags[0]')).toEqual({ values: ['a'] });
    expect(selectJsonPath(json, '$.missing')).toEqual({ values: [] });
  });

  it('names what is wrong with a path instead of selecting another place', () => {
    expect(selectJsonPath(json, 'items')).toEqual({ error: expect.stringContaining('starts with $') });
    expect(selectJsonPath(json, '$.items[')).toEqual({ error: 'A [ is not closed.' });
    expect(selectJsonPath(json, '$.items.')).toEqual({ error: 'The path ends with a dot.' });
  });

  it('never runs a filter expression', () => {
    (globalThis as Record<string, unknown>).hrespRan = false;
    const result = selectJsonPath(json, '$.items[?(@.id > 1 || (globalThis.hrespRan = true))]');
    expect(result).toEqual({ error: expect.stringContaining('not supported') });
    expect((globalThis as Record<string, unknown>).hrespRan).toBe(false);
  });
});

describe('Set-Cookie', () => {
  it('reads name, value and every attribute, case-insensitively', () => {
    expect(
      parseSetCookie(
        'sid=abc=1; Domain=.example.com; Path=/app; Expires=Wed, 09 Jun 2027 10:18:14 GMT; HttpOnly; secure; SameSite=Lax',
      ),
    ).toEqual({
      name: 'sid',
      value: 'abc=1',
      domain: 'example.com',
      path: '/app',
      expires: 'Wed, 09 Jun 2027 10:18:14 GMT',
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      partitioned: false,
    });
  });

  it('lets Max-Age win over Expires and drops a value without =', () => {
    expect(parseSetCookie('a=1; Expires=Wed, 09 Jun 2027 10:18:14 GMT; Max-Age=60')?.expires).toBe('in 60 s');
    expect(parseSetCookie('a=; Max-Age=0')?.expires).toBe('now (deleted)');
    expect(parseSetCookie('novalue; Path=/')).toBeNull();
    const rows = responseCookies([
      { name: 'Content-Type', value: 'text/plain' },
      { name: 'set-cookie', value: 'a=1; Secure; Partitioned' },
      { name: 'Set-Cookie', value: 'garbage' },
      { name: 'Set-Cookie', value: 'b=2' },
    ]);
    expect(rows.map((c) => c.name)).toEqual(['a', 'b']);
    expect(cookieFlags(rows[0]!)).toBe('Secure, Partitioned');
  });
});

describe('formatXml', () => {
  it('indents nested elements and keeps text-only elements on one line', () => {
    const xml =
      '<?xml version="1.0"?><!-- list --><items count="2"><item id="1"><name>Ada &amp; co</name><empty></empty><br/></item><![CDATA[<raw>]]></items>';
    expect(formatXml(xml)).toEqual({
      text: [
        '<?xml version="1.0"?>',
        '<!-- list -->',
        '<items count="2">',
        '  <item id="1">',
        '    <name>Ada &amp; co</name>',
        '    <empty></empty>',
        '    <br/>',
        '  </item>',
        '  <![CDATA[<raw>]]>',
        '</items>',
      ].join('\n'),
      error: null,
    });
  });

  it('keeps a > inside an attribute value and names the first structural error with its line', () => {
    expect(formatXml('<a title="x > y"><b>1</b></a>').text).toBe('<a title="x > y">\n  <b>1</b>\n</a>');
    expect(formatXml('<a>\n<b>\n</a>').error).toBe('Line 3: </a> closes <b> opened on line 2.');
    expect(formatXml('<a><b/>').error).toBe('Line 1: <a> is never closed.');
    expect(formatXml('</a>').error).toBe('Line 1: </a> closes no element.');
  });
});

describe('indentJson', () => {
  it('matches JSON.stringify(…, null, 2) on ordinary JSON', () => {
    const text = ' {"a" : [1, {"b":"x,\\"y:{"}, [], {}, null, true],\n "c":{"d":-1.5}} ';
    expect(indentJson(text)).toBe(JSON.stringify(JSON.parse(text), null, 2));
  });

  it('keeps the digits the server sent', () => {
    expect(indentJson('{"id":12345678901234567890,"price":1.0,"e":-1.5e3}')).toBe(
      '{\n  "id": 12345678901234567890,\n  "price": 1.0,\n  "e": -1.5e3\n}',
    );
  });
});

describe('previewDocument', () => {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">`;

  it('puts the no-network policy first, after a doctype so standards mode stays', () => {
    expect(previewDocument('<!DOCTYPE html><p>x')).toBe(`<!DOCTYPE html>${meta}<p>x`);
    expect(previewDocument('<p>x</p>')).toBe(`${meta}<p>x</p>`);
    expect(PREVIEW_CSP).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
  });
});
