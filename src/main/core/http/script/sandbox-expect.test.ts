import { afterAll, describe, expect, it } from 'vitest';
import { closeScriptSandbox, runScript } from './run-script';

afterAll(async () => {
  await closeScriptSandbox();
});

/**
 * Each case is an `expect(...)` chain run inside the sandbox as one test: null when it must pass, else the
 * failure message it must give. All cases go through one script run.
 */
const cases: [string, string | null][] = [
  // equal / eql / deep
  ['expect(1).to.equal(1)', null],
  ["expect(1).to.equal('1')", "expected 1 to equal '1'"],
  ['expect({ a: 1 }).to.equal({ a: 1 })', 'expected {"a":1} to equal {"a":1}'],
  ['expect({ a: 1 }).to.deep.equal({ a: 1 })', null],
  ['expect({ a: [1, { b: 2 }] }).to.eql({ a: [1, { b: 2 }] })', null],
  ['expect({ a: 1, b: 2 }).to.eql({ b: 2, a: 1 })', null],
  ['expect({ a: 1 }).to.eql({ a: 2 })', 'expected {"a":1} to deeply equal {"a":2}'],
  ['expect([1, 2]).to.eql([1, 2, 3])', 'expected [1,2] to deeply equal [1,2,3]'],
  ['expect(NaN).to.eql(NaN)', null],
  ['expect(2).to.not.equal(2)', 'expected 2 to not equal 2'],
  ['expect(2).not.to.eql(3)', null],
  ["expect('a', 'custom').to.equal('b')", "custom: expected 'a' to equal 'b'"],
  ["expect('a').to.equal('b', 'per call')", "per call: expected 'a' to equal 'b'"],
  // include
  ["expect('foobar').to.include('oba')", null],
  ["expect('foobar').to.contain('x')", "expected 'foobar' to include 'x'"],
  ['expect([1, 2, 3]).to.include(2)', null],
  ['expect([{ a: 1 }]).to.include({ a: 1 })', 'expected [{"a":1}] to include {"a":1}'],
  ['expect([{ a: 1 }]).to.deep.include({ a: 1 })', null],
  ['expect({ a: 1, b: 2 }).to.include({ a: 1 })', null],
  ['expect({ a: 1, b: 2 }).to.not.include({ a: 2 })', null],
  ['expect(5).to.include(5)', '.include cannot look for 5 in 5'],
  // types
  ["expect('s').to.be.a('string')", null],
  ['expect(1).to.be.a("number")', null],
  ['expect([]).to.be.an("array")', null],
  ['expect({}).to.be.an("object")', null],
  ['expect(null).to.be.a("null")', null],
  ['expect(undefined).to.be.an("undefined")', null],
  ['expect(true).to.be.a("boolean")', null],
  ['expect(/x/).to.be.a("regexp")', null],
  ['expect([]).to.be.an("object")', 'expected [] to be an object'],
  ["expect('1').to.be.a('number')", "expected '1' to be a number"],
  // comparisons
  ['expect(5).to.be.above(4)', null],
  ['expect(5).to.be.above(5)', 'expected 5 to be above 5'],
  ['expect(5).to.be.greaterThan(1).and.below(10)', null],
  ['expect(5).to.be.below(2)', 'expected 5 to be below 2'],
  ['expect(5).to.be.lessThan(6)', null],
  ['expect(5).to.be.at.least(5)', null],
  ['expect(5).to.be.at.most(4)', 'expected 5 to be at most 4'],
  ['expect(5).to.be.within(1, 5)', null],
  ["expect('5').to.be.above(1)", "expected '5' to be a number or a date"],
  // existence and flags
  ['expect(0).to.exist', null],
  ['expect(null).to.exist', 'expected null to exist'],
  ['expect(undefined).to.not.exist', null],
  ['expect(1).to.be.ok', null],
  ["expect('').to.be.ok", "expected '' to be truthy"],
  ['expect(true).to.be.true', null],
  ['expect(1).to.be.true', 'expected 1 to be true'],
  ['expect(false).to.be.false', null],
  ['expect(null).to.be.null', null],
  ['expect(undefined).to.be.undefined', null],
  ['expect(NaN).to.be.NaN', null],
  ['expect([]).to.be.empty', null],
  ["expect('').to.be.empty", null],
  ['expect({ a: 1 }).to.be.empty', 'expected {"a":1} to be empty'],
  ['expect({}).to.be.empty', null],
  // property, length, match, keys, members, oneOf, satisfy, throw, string, instanceOf
  ["expect({ a: { b: 1 } }).to.have.property('a').that.has.property('b', 1)", null],
  ["expect({ a: 1 }).to.have.property('b')", 'expected {"a":1} to have property \'b\''],
  ["expect({ a: 1 }).to.have.property('a', 2)", 'expected {"a":1} to have property \'a\' of 2, but got 1'],
  ["expect({ a: 1 }).to.not.have.property('b')", null],
  ['expect([1, 2]).to.have.lengthOf(2)', null],
  ["expect('abc').to.have.length(2)", "expected 'abc' to have a length of 2 but got 3"],
  ["expect('abc').to.match(/^a/)", null],
  ["expect('abc').to.match(/^b/)", "expected 'abc' to match /^b/"],
  ["expect({ a: 1, b: 2 }).to.have.keys('a', 'b')", null],
  ["expect({ a: 1, b: 2 }).to.have.keys(['a'])", 'expected {"a":1,"b":2} to have exactly keys ["a"]'],
  ["expect({ a: 1, b: 2 }).to.have.any.keys('a', 'z')", null],
  ['expect([3, 1, 2]).to.have.members([1, 2, 3])', null],
  ['expect(2).to.be.oneOf([1, 2])', null],
  ['expect(3).to.be.oneOf([1, 2])', 'expected 3 to be one of [1,2]'],
  ['expect(4).to.satisfy((n) => n % 2 === 0)', null],
  ["expect(() => { throw new Error('boom') }).to.throw('boom')", null],
  ['expect(() => 1).to.throw()', "expected [Function] to throw 'an error'"],
  ["expect('hello world').to.have.string('lo w')", null],
  ['expect([]).to.be.instanceOf(Array)', null],
];

describe('the expect library inside the sandbox', () => {
  it('passes and fails each assertion with a chai-like message', async () => {
    const code = cases.map(([chain], i) => `bb.test(${JSON.stringify(String(i))}, () => { bb.${chain}; });`).join('\n');
    const result = await runScript({
      phase: 'preRequest',
      code,
      request: { method: 'GET', url: 'http://127.0.0.1/', headers: [], body: null },
    });
    expect(result.error).toBeUndefined();
    const got = result.tests.map((test) => [cases[Number(test.name)]?.[0], test.passed ? null : (test.error ?? '')]);
    expect(got).toEqual(cases);
  });

  it('is the same object as pm.expect, and keeps working when a script replaces JSON.stringify', async () => {
    const result = await runScript({
      phase: 'preRequest',
      code: `JSON.stringify = () => 'x'; pm.test('same', () => pm.expect(pm.expect).to.equal(bb.expect)); pm.test('msg', () => pm.expect({ a: 1 }).to.eql({ a: 2 }));`,
      request: { method: 'GET', url: 'http://127.0.0.1/', headers: [], body: null },
    });
    expect(result.tests).toEqual([
      { name: 'same', passed: true },
      { name: 'msg', passed: false, error: 'expected {"a":1} to deeply equal {"a":2}' },
    ]);
  });
});
