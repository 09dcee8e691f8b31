import type { Faker } from '@faker-js/faker';
import type { Helper } from './helper-args';
import { numberOrUndefined, param, splitArgs, text } from './helper-args';
import { scopeOf } from './render-scope';

/** A helper that draws one value from the template's Faker. */
function fromFaker(draw: (faker: Faker, params: unknown[]) => unknown): Helper {
  return (...args) => {
    const { params, options } = splitArgs(args);
    return draw(scopeOf(options).faker, params);
  };
}

/**
 * Mockoon's short names for common Faker methods (`{{firstName}}` is `{{faker 'person.firstName'}}`), so
 * templates written for Mockoon keep working.
 */
export const fakerAliasHelpers: Record<string, Helper> = {
  firstName: fromFaker((faker) => faker.person.firstName()),
  lastName: fromFaker((faker) => faker.person.lastName()),
  email: fromFaker((faker) => faker.internet.email()),
  company: fromFaker((faker) => faker.company.name()),
  domain: fromFaker((faker) => faker.internet.domainName()),
  tld: fromFaker((faker) => faker.internet.domainSuffix()),
  street: fromFaker((faker) => faker.location.streetAddress()),
  city: fromFaker((faker) => faker.location.city()),
  country: fromFaker((faker) => faker.location.country()),
  countryCode: fromFaker((faker) => faker.location.countryCode()),
  zipcode: fromFaker((faker) => faker.location.zipCode()),
  postcode: fromFaker((faker) => faker.location.zipCode()),
  phone: fromFaker((faker) => faker.phone.number()),
  lat: fromFaker((faker) => faker.location.latitude()),
  long: fromFaker((faker) => faker.location.longitude()),
  ipv4: fromFaker((faker) => faker.internet.ipv4()),
  ipv6: fromFaker((faker) => faker.internet.ipv6()),
  color: fromFaker((faker) => faker.color.human()),
  hexColor: fromFaker((faker) => faker.color.rgb({ format: 'hex', casing: 'lower' })),
  objectId: fromFaker((faker) => faker.database.mongodbObjectId()),
  /** `lorem 5` → a sentence of 5 words (a random length without a count). */
  lorem: fromFaker((faker, params) => faker.lorem.sentence(numberOrUndefined(param(params, 0)))),
  /** `title` → `Mr.`, `Dr.`…; `title 'female'` or `title 'male'` to choose. */
  title: fromFaker((faker, params) => {
    const sex = text(param(params, 0));
    return faker.person.prefix(sex === 'female' || sex === 'male' ? sex : undefined);
  }),
};
