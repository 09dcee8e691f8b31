import { base, en, Faker } from '@faker-js/faker';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { compileTemplate } from './compile-template';
import { mockRequest, renderOnce } from './mock-request.fixture';

function compileError(source: string): AppError {
  try {
    compileTemplate(source, { root: '/srv/mock', name: 'users.json' });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a compile error');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('compileTemplate', () => {
  it('generates code once at compile time and never while rendering', () => {
    // every Handlebars environment shares this class, ours included
    const generate = vi.spyOn(
      (Handlebars as unknown as { JavaScriptCompiler: { prototype: { compile: () => unknown } } }).JavaScriptCompiler
        .prototype,
      'compile',
    );
    const template = compileTemplate("{{#repeat 2}}{{urlParam 'id'}}{{/repeat}}", { root: '/srv/mock' });
    const afterCompile = generate.mock.calls.length;
    expect(afterCompile).toBeGreaterThan(0);
    const outputs = [1, 2, 3].map((id) => template.render(mockRequest({ params: { id: String(id) } })));
    expect(outputs).toEqual(['1,\n1\n', '2,\n2\n', '3,\n3\n']);
    expect(generate.mock.calls.length).toBe(afterCompile);
  });

  it('gives each render its own request, root and variables, block helpers included', () => {
    const template = compileTemplate(
      "{{setVar 'n' (urlParam 'id')}}{{#each (array 'a' 'b')}}{{this}}{{@index}}{{getVar 'n'}}{{@root.x}};{{/each}}{{#if (eq (method) 'POST')}}P{{else}}G{{/if}}",
      { root: '/srv/mock' },
    );
    const outputs = ['1', '2', '3'].map((id, i) =>
      template.render(mockRequest({ params: { id }, method: i === 1 ? 'POST' : 'GET' })),
    );
    expect(outputs).toEqual(['a01;b11;G', 'a02;b12;P', 'a03;b13;G']);
  });

  it('renders again after a render that failed', () => {
    const template = compileTemplate("{{faker (urlParam 'what')}}", { root: '/srv/mock' });
    expect(() => template.render(mockRequest({ params: { what: 'person.nope' } }))).toThrowError(AppError);
    expect(template.render(mockRequest({ params: { what: 'string.uuid' } }))).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the line and column of a syntax error', () => {
    const error = compileError('{\n  "name": "{{faker \'person.firstName\'"\n}');
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({ phase: 'compile', template: 'users.json', line: 2, column: 38 });
    expect(error.message).toMatch(/^users\.json at line 2, column 38: Parse error/);
  });

  it('names a block closed by the wrong name', () => {
    const error = compileError('ok\n{{#repeat 2}}\n{{/each}}');
    expect(error.message).toContain("repeat doesn't match each");
    expect(error.details).toMatchObject({ line: 2 });
  });

  it('rejects an unknown helper at compile time, naming it', () => {
    const error = compileError('{\n "a": {{fakr "person.firstName"}} }');
    expect(error.message).toBe('users.json at line 2, column 7: unknown helper "fakr"');
  });

  it('turns a failing helper into an AppError at render time', () => {
    const template = compileTemplate("x\n{{faker 'person.nope'}}", { root: '/srv/mock', name: 'r.json' });
    expect(() => template.render(mockRequest())).toThrowError(/r\.json: faker: "person\.nope" is not a Faker method/);
    try {
      template.render(mockRequest());
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details).toEqual({ phase: 'render', template: 'r.json' });
      expect((error as AppError).message).toContain('(line 2)');
    }
  });

  it('names the line of a failing helper inside a block and in sub-expressions, render after render', () => {
    // helper locations are made once at compile time and shared by every render, nested programs included
    const source =
      "{{#each (array 1 2)}}\n  {{int 1 2}}\n  {{#if true}}\n{{oneOf (array 'a')}} {{faker 'x.nope'}}\n{{/if}}{{/each}}";
    const template = compileTemplate(source, { root: '/srv/mock', name: 'r.json' });
    for (let i = 0; i < 3; i++) {
      expect(() => template.render(mockRequest())).toThrowError(
        /^r\.json: faker: "x\.nope" is not a Faker method.*\(line 4\)$/,
      );
    }
    const ok = compileTemplate("{{#each (array 1 2)}}{{int 5 5}}{{#if true}}{{oneOf (array 'a')}}{{/if}},{{/each}}", {
      root: '/srv/mock',
    });
    expect(ok.render(mockRequest())).toBe('5a,5a,');
    expect(ok.render(mockRequest())).toBe('5a,5a,');
  });

  it('renders text without a mustache as itself', () => {
    const source = '{"path": "C:\\\\dir", "brace": "}}", "tpl": "\\{"}';
    expect(compileTemplate(source, { root: '/srv/mock' }).render(mockRequest())).toBe(source);
  });

  it('gives v4 UUIDs without a Faker too', () => {
    const template = compileTemplate('{{uuid}} {{guid}}', { root: '/srv/mock' });
    const [a, b] = template.render(mockRequest()).split(' ');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it('refuses a relative mock folder', () => {
    expect(() => compileTemplate('x', { root: 'mocks/shop' })).toThrowError(/absolute path: mocks\/shop/);
  });

  it('keeps its helpers out of the global Handlebars', () => {
    compileTemplate('{{uuid}}', { root: '/srv/mock' });
    expect(Handlebars.helpers.uuid).toBeUndefined();
    expect(Handlebars.helpers.urlParam).toBeUndefined();
  });

  it('renders a Mockoon-style user list to valid JSON', () => {
    const source = `{
  "page": {{queryParam 'page' '1'}},
  "users": [
    {{#repeat (queryParam 'limit' '3')}}
    {
      "id": "{{uuid}}",
      "index": {{@index}},
      "firstName": "{{faker 'person.firstName'}}",
      "age": {{int 18 90}},
      "active": {{boolean}},
      "role": "{{oneOf (array 'admin' 'editor' 'viewer')}}",
      "since": "{{date '2020-01-01' '2023-12-31' 'yyyy-MM-dd'}}"
    }
    {{/repeat}}
  ],
  "generatedAt": "{{now}}"
}`;
    const template = compileTemplate(source, {
      root: '/srv/mock',
      faker: new Faker({ locale: [en, base], seed: 1 }),
      now: () => new Date('2024-05-01T10:00:00Z'),
    });
    const parsed = JSON.parse(template.render(mockRequest({ query: { page: '2', limit: '4' } }))) as {
      page: number;
      users: {
        id: string;
        index: number;
        firstName: string;
        age: number;
        active: boolean;
        role: string;
        since: string;
      }[];
    };
    expect(parsed.page).toBe(2);
    expect(parsed.users).toHaveLength(4);
    expect(parsed.users.map((user) => user.index)).toEqual([0, 1, 2, 3]);
    for (const user of parsed.users) {
      expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(user.firstName).toMatch(/^\S+/);
      expect(user.age).toBeGreaterThanOrEqual(18);
      expect(user.age).toBeLessThanOrEqual(90);
      expect(typeof user.active).toBe('boolean');
      expect(['admin', 'editor', 'viewer']).toContain(user.role);
      expect(user.since >= '2020-01-01' && user.since <= '2023-12-31').toBe(true);
    }
  });

  it('gives the same output for the same seed', () => {
    const source = "{{faker 'person.fullName'}} {{uuid}} {{int 1 1000}}";
    const render = () =>
      compileTemplate(source, { root: '/srv/mock', faker: new Faker({ locale: [en, base], seed: 99 }) }).render(
        mockRequest(),
      );
    expect(render()).toBe(render());
  });
});

describe('prototype access is blocked', () => {
  const polluting = mockRequest({
    bodyText: '{"__proto__":{"polluted":true},"a":{}}',
    body: JSON.parse('{"__proto__":{"polluted":true},"a":{}}') as unknown,
  });

  it('cannot reach constructor through the context or a helper result', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(renderOnce('[{{constructor.constructor}}][{{this.constructor.name}}]')).toBe('[][]');
    expect(renderOnce('[{{#with (object a=1)}}{{constructor.constructor}}{{__proto__}}{{/with}}]')).toBe('[]');
    expect(renderOnce("[{{lookup (bodyRaw 'a') 'constructor'}}]", polluting)).toBe('[]');
  });

  it('stays blocked on every render, not only the first (later ones reuse its set-up)', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const template = compileTemplate(
      "[{{constructor.constructor}}][{{#with (object a=1)}}{{constructor.constructor}}{{/with}}][{{lookup (bodyRaw 'a') 'constructor'}}][{{body 'a.constructor.name'}}]",
      { root: '/srv/mock' },
    );
    expect([1, 2, 3].map(() => template.render(polluting))).toEqual(['[][][][]', '[][][][]', '[][][][]']);
  });

  it('does not follow inherited properties in paths', () => {
    expect(
      renderOnce("[{{body 'a.constructor.name'}}][{{body 'a.__proto__'}}][{{queryParam 'toString'}}]", polluting),
    ).toBe('[][][]');
  });

  it('reads an own "__proto__" key of a JSON body as data without polluting prototypes', () => {
    expect(renderOnce("{{body '__proto__.polluted'}}", polluting)).toBe('true');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses variable names that reach a prototype', () => {
    expect(() => renderOnce("{{setVar '__proto__' 1}}")).toThrowError(/"__proto__" cannot be used as a variable name/);
    expect(() => renderOnce("{{getVar 'constructor'}}")).toThrowError(/cannot be used as a variable name/);
  });

  it('cannot climb from faker to Function', () => {
    expect(() => renderOnce("{{faker 'constructor.constructor' 'return process'}}")).toThrowError(/not a Faker method/);
    expect(() => renderOnce("{{faker 'person.constructor'}}")).toThrowError(/not a Faker method/);
    expect(() => renderOnce("{{faker 'fakerCore.locale'}}")).toThrowError(/not a Faker method/);
  });
});
