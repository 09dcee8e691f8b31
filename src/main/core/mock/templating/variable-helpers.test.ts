import { describe, expect, it } from 'vitest';
import { mockRequest, renderOnce } from './mock-request.fixture';

describe('variable helpers', () => {
  it('setVar stores a value that getVar and @name read', () => {
    expect(
      renderOnce("{{setVar 'id' (urlParam 'id')}}{{getVar 'id'}}-{{@id}}", mockRequest({ params: { id: '9' } })),
    ).toBe('9-9');
  });

  it('getVar reads a path inside an object variable, empty when absent', () => {
    expect(
      renderOnce(
        "{{setVar 'u' (bodyRaw 'user')}}{{getVar 'u' 'address.city'}}|{{getVar 'nope'}}",
        mockRequest({
          body: { user: { address: { city: 'Lyon' } } },
        }),
      ),
    ).toBe('Lyon|');
  });

  it('a variable set inside a block stays in that block, as Mockoon', () => {
    expect(renderOnce("{{#repeat 1 comma=false}}{{setVar 'x' 'in'}}{{getVar 'x'}}{{/repeat}}[{{getVar 'x'}}]")).toBe(
      'in[]',
    );
  });

  it('global variables live in the state the server passes and outlast a render', () => {
    const globals = new Map<string, unknown>();
    renderOnce("{{setGlobalVar 'count' (add (getGlobalVar 'count' '' 0) 1)}}", mockRequest(), { globals });
    renderOnce("{{setGlobalVar 'count' (add (getGlobalVar 'count' '' 0) 1)}}", mockRequest(), { globals });
    expect(globals.get('count')).toBe(2);
    expect(renderOnce("{{getGlobalVar 'count'}}|{{getGlobalVar 'none' '' 'dflt'}}", mockRequest(), { globals })).toBe(
      '2|dflt',
    );
  });

  it('setGlobalVar without state is an error naming it', () => {
    expect(() => renderOnce("{{setGlobalVar 'a' 1}}")).toThrowError(
      /setGlobalVar: this template has no global variables/,
    );
  });

  it('a variable needs a name', () => {
    expect(() => renderOnce('{{setVar}}')).toThrowError(/setVar: needs a variable name/);
  });
});
