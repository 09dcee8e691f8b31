import { blockHelpers } from './block-helpers';
import { collectionHelpers } from './collection-helpers';
import { dataHelpers } from './data-helpers';
import { dateHelpers } from './date-helpers';
import { fakerAliasHelpers } from './faker-alias-helpers';
import type { Helper } from './helper-args';
import { logicHelpers } from './logic-helpers';
import { mathHelpers } from './math-helpers';
import { randomHelpers } from './random-helpers';
import { requestHelpers } from './request-helpers';
import { textHelpers } from './text-helpers';
import { valueHelpers } from './value-helpers';
import { variableHelpers } from './variable-helpers';

/** Every helper a mock template may call, by name (Handlebars' own `if`, `each`, `with`… come on top). */
export const templateHelpers: Readonly<Record<string, Helper>> = Object.freeze({
  ...requestHelpers,
  ...randomHelpers,
  ...fakerAliasHelpers,
  ...dateHelpers,
  ...blockHelpers,
  ...logicHelpers,
  ...valueHelpers,
  ...textHelpers,
  ...mathHelpers,
  ...variableHelpers,
  ...collectionHelpers,
  ...dataHelpers,
});
