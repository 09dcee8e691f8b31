import { describe, expect, it } from 'vitest';
import { blockHelpers } from './block-helpers';
import { collectionHelpers } from './collection-helpers';
import { dataHelpers } from './data-helpers';
import { dateHelpers } from './date-helpers';
import { fakerAliasHelpers } from './faker-alias-helpers';
import { logicHelpers } from './logic-helpers';
import { mathHelpers } from './math-helpers';
import { randomHelpers } from './random-helpers';
import { requestHelpers } from './request-helpers';
import { templateHelpers } from './template-helpers';
import { textHelpers } from './text-helpers';
import { valueHelpers } from './value-helpers';
import { variableHelpers } from './variable-helpers';

describe('templateHelpers', () => {
  it('no helper file shadows another one (the registry is a plain merge)', () => {
    const groups = [
      requestHelpers,
      randomHelpers,
      fakerAliasHelpers,
      dateHelpers,
      blockHelpers,
      logicHelpers,
      valueHelpers,
      textHelpers,
      mathHelpers,
      variableHelpers,
      collectionHelpers,
      dataHelpers,
    ];
    const names = groups.flatMap((group) => Object.keys(group));
    expect(names.length).toBe(new Set(names).size);
    expect(Object.keys(templateHelpers).sort()).toEqual([...names].sort());
  });

  it('does not replace Handlebars built-ins', () => {
    for (const builtIn of ['if', 'unless', 'each', 'with', 'lookup', 'log', 'helperMissing', 'blockHelperMissing']) {
      expect(Object.hasOwn(templateHelpers, builtIn)).toBe(false);
    }
  });
});
