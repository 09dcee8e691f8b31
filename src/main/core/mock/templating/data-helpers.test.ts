import { describe, expect, it } from 'vitest';
import { DataBuckets } from '../data-buckets';
import { compileTemplate } from './compile-template';
import { mockRequest, renderOnce } from './mock-request.fixture';

/** A store of buckets whose text is rendered by the real templating (as the server does). */
function bucketsOf(...buckets: { name: string; id?: string; value: string }[]): DataBuckets {
  return new DataBuckets(
    buckets.map((bucket) => {
      const template = compileTemplate(bucket.value, { root: '/srv/mock', name: bucket.name });
      return {
        name: bucket.name,
        id: bucket.id,
        source: bucket.value,
        render: (request, state) => template.render(request, state),
      };
    }),
  );
}

const USERS = '[{"id":1,"name":"Ann","tags":["a","b"]},{"id":2,"name":"Bob","tags":[]}]';

describe('data helpers', () => {
  it('data reads a bucket by name or id and a dotted path; objects and arrays come out as JSON', () => {
    const data = bucketsOf({ name: 'Users list', id: 'u1', value: USERS });
    expect(
      renderOnce("{{data 'u1' '0.name'}}|{{data 'users' '1.id'}}|{{data 'u1' '0.tags'}}", mockRequest(), { data }),
    ).toBe('Ann|2|["a","b"]');
    expect(renderOnce("{{data 'USERS' '[1].name'}}", mockRequest(), { data })).toBe('Bob');
  });

  it('data without a path is the whole value; a JSONPath path ($) selects as Mockoon does', () => {
    const data = bucketsOf({ name: 'users', value: USERS });
    expect(renderOnce("{{data 'users'}}", mockRequest(), { data })).toBe(JSON.stringify(JSON.parse(USERS)));
    expect(renderOnce("{{data 'users' '$[*].name'}}", mockRequest(), { data })).toBe('["Ann","Bob"]');
  });

  it('an unknown bucket or path renders empty; a text bucket is its text', () => {
    const data = bucketsOf({ name: 'note', value: 'plain {{add 1 2}}' });
    expect(renderOnce("[{{data 'nope'}}][{{data 'note' 'a.b'}}][{{data 'note'}}]", mockRequest(), { data })).toBe(
      '[][plain 3][plain 3]',
    );
    expect(renderOnce("[{{data 'users'}}]")).toBe('[]');
  });

  it('dataRaw hands the value itself to other helpers', () => {
    const data = bucketsOf({ name: 'users', value: USERS });
    expect(
      renderOnce("{{#each (dataRaw 'users')}}{{name}};{{/each}}{{len (dataRaw 'users' '0.tags')}}", mockRequest(), {
        data,
      }),
    ).toBe('Ann;Bob;2');
  });
});

describe('data buckets', () => {
  it('a bucket is rendered once, on first use, and then parsed as JSON', () => {
    const data = bucketsOf({ name: 'made', value: '{"n": {{add 1 1}}, "id": "{{urlParam \'id\'}}"}' });
    const first = data.read('made', mockRequest({ params: { id: '7' } }), { data });
    expect(first).toEqual({ found: true, value: { n: 2, id: '7' } });
    // the next request does not render it again
    expect(data.read('made', mockRequest({ params: { id: '8' } }), { data }).value).toEqual({ n: 2, id: '7' });
  });

  it('a bucket reads another; one that reads itself holds the error message', () => {
    const data = bucketsOf(
      { name: 'base', value: '[1,2,3]' },
      { name: 'derived', value: '{"count": {{len (dataRaw \'base\')}} }' },
      { name: 'loop', value: "{{data 'loop'}}" },
    );
    expect(data.read('derived', mockRequest(), { data }).value).toEqual({ count: 3 });
    expect(String(data.read('loop', mockRequest(), { data }).value)).toMatch(/reads itself/);
  });

  it('a reload keeps the value of an unchanged bucket and remakes a changed one; reset forgets all', () => {
    const data = bucketsOf({ name: 'a', value: '[1]' }, { name: 'b', value: '[2]' });
    data.write('a', [1, 9]);
    data.write('b', [2, 9]);
    const next = bucketsOf({ name: 'a', value: '[1]' }, { name: 'b', value: '[3]' });
    data.update([
      { name: 'a', id: undefined, source: '[1]', render: () => '[1]' },
      { name: 'b', id: undefined, source: '[3]', render: () => '[3]' },
    ]);
    expect(data.read('a', mockRequest(), { data: next }).value).toEqual([1, 9]);
    expect(data.read('b', mockRequest(), { data: next }).value).toEqual([3]);
    data.reset();
    expect(data.read('a', mockRequest(), { data: next }).value).toEqual([1]);
  });
});

describe('setData', () => {
  const BOARD = '{"hits": 1, "flags": {"on": true}, "list": [1], "gone": "x", "rows": [{"n": 1}, {"n": 2}]}';
  const after = (template: string, value = BOARD) => {
    const data = bucketsOf({ name: 'Board', id: 'b1', value });
    const out = renderOnce(template, mockRequest(), { data });
    return { out, value: data.read('b1', mockRequest(), { data }).value };
  };

  it('sets, merges, pushes, deletes, increments, decrements and inverts at a path, rendering nothing', () => {
    const { out, value } = after(
      "{{setData 'inc' 'b1' 'hits'}}{{setData 'dec' 'b1' 'hits' 5}}{{setData 'invert' 'b1' 'flags.on'}}" +
        "{{setData 'push' 'b1' 'list' 2}}{{setData 'set' 'b1' 'owner.name' 'Ann'}}" +
        "{{setData 'merge' 'b1' 'flags' (object beta=true)}}{{setData 'del' 'b1' 'gone'}}{{setData 'del' 'b1' 'rows.0'}}",
    );
    expect(out).toBe('');
    expect(value).toEqual({
      hits: -3,
      flags: { on: false, beta: true },
      list: [1, 2],
      rows: [{ n: 2 }],
      owner: { name: 'Ann' },
    });
  });

  it('changes the whole value without a path; later reads in the same template see the change', () => {
    expect(after("{{setData 'inc' 'b1' '' 3}}{{data 'b1'}}", '5').out).toBe('8');
    expect(after("{{setData 'dec' 'b1'}}{{data 'b1'}}", '5').out).toBe('4');
    expect(after("{{setData 'push' 'b1' '' 'c'}}{{len (dataRaw 'b1')}}", '["a","b"]').out).toBe('3');
    expect(after("{{setData 'invert' 'Board'}}{{data 'b1'}}", 'true').out).toBe('false');
    expect(after("{{setData 'merge' 'b1' '' (object b=2)}}{{data 'b1'}}", '{"a":1}').out).toBe('{"a":1,"b":2}');
    expect(after("{{setData 'del' 'b1'}}[{{data 'b1'}}]").value).toBeUndefined();
    // an unknown edit is `set`, as in Mockoon
    expect(after("{{setData 'replace' 'b1' '' 'plain'}}{{data 'b1'}}").out).toBe('plain');
  });

  it('what Mockoon leaves alone stays as it is', () => {
    const { value } = after(
      "{{setData 'inc' 'b1' 'gone'}}{{setData 'inc' 'b1' 'hits' 'x'}}{{setData 'invert' 'b1' 'hits'}}" +
        "{{setData 'push' 'b1' 'flags' 1}}{{setData 'set' 'b1' 'gone.deeper' 1}}{{setData 'set' 'nope' '' 1}}" +
        "{{setData 'set' 'b1' '__proto__.polluted' 1}}{{setData 'set' 'b1' 'constructor' 1}}{{setData 'inc'}}",
    );
    expect(value).toEqual(JSON.parse(BOARD));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a change lives on in the bucket for the next request', () => {
    const data = bucketsOf({ name: 'counter', value: '{"n": 0}' });
    const template = "{{setData 'inc' 'counter' 'n'}}{{data 'counter' 'n'}}";
    expect(renderOnce(template, mockRequest(), { data })).toBe('1');
    expect(renderOnce(template, mockRequest(), { data })).toBe('2');
  });

  it('renders nothing without buckets', () => {
    expect(renderOnce("[{{setData 'set' 'x' 'a' 1}}]")).toBe('[]');
  });
});
