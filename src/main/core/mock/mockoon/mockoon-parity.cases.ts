/**
 * The requests mockoon-parity.test.ts sends to Mockoon and to Backbench, for fixtures/parity/parity.mockoon.json.
 * `shape` turns a body made by random helpers into what both must share.
 */
export interface ParityCase {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Says which rule or helper the case is about. */
  note?: string;
  shape?: (text: string) => unknown;
  /** Only the status is compared: the answer is the server's own, not the environment's. */
  statusOnly?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// header {"alg":"HS256","typ":"JWT"}, payload {"sub":"u-42","name":"Ann"}
const JWT = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"u-42","name":"Ann"}').toString('base64url')}.sig`;
const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };

function randomShape(text: string): unknown {
  const value = JSON.parse(text) as Record<string, unknown>;
  return {
    uuid: UUID.test(String(value.uuid)),
    name: /^[A-Z][a-z'-]+$/.test(String(value.name)),
    int: Number.isInteger(value.int) && (value.int as number) >= 1 && (value.int as number) <= 5,
    float: typeof value.float === 'number' && value.float >= 1 && value.float <= 2,
    bool: typeof value.bool,
    pick: ['red', 'green'].includes(String(value.pick)),
    email: /^[^@\s]+@[^@\s]+\.[a-z]+$/i.test(String(value.email)),
    between: /^2020-\d\d-\d\d$/.test(String(value.between)),
    time: /^09:[0-5]\d$/.test(String(value.time)),
    fakerHash: [1, 2, 3].includes(value.fakerHash as number),
    fakerJson: [4, 5, 6].includes(value.fakerJson as number),
    fakerPositional: /^[a-z]{5}$/i.test(String(value.fakerPositional)),
    fakerArray: ['a', 'b'].includes(String(value.fakerArray)),
    someOf: Array.isArray(value.someOf) && value.someOf.length >= 1 && value.someOf.length <= 2,
    guid: UUID.test(String(value.guid)),
    objectId: /^[0-9a-f]{24}$/.test(String(value.objectId)),
    words: String(value.words).split(' ').length,
    hexColor: /^#[0-9a-f]{6}$/i.test(String(value.hexColor)),
    ipv4: /^\d+\.\d+\.\d+\.\d+$/.test(String(value.ipv4)),
    repeatRange: Array.isArray(value.repeatRange) && value.repeatRange.length >= 1 && value.repeatRange.length <= 3,
  };
}

export const PARITY_CASES: ParityCase[] = [
  {
    path: '/api/users/5?q=x&filter[name]=bo&tag[]=a&tag[]=b',
    headers: { 'x-client': 'c1', cookie: 'sid=abc; other=1' },
    note: 'params, query, header, cookie',
  },
  { path: '/api/users/7?tag=x&tag=y', note: 'defaults of absent values, a repeated name' },
  { path: '/api/users/0', note: 'rule on a param' },
  { path: '/api/users/3?debug=1', headers: { 'x-role': 'admin-1' }, note: 'AND rules, both true' },
  { path: '/api/users/3?debug=1', headers: { 'x-role': 'guest' }, note: 'AND rules, one false' },
  { path: '/api/users/3', headers: { 'x-brew': 'TEA please' }, note: 'regex_i rule, custom headers' },
  {
    method: 'POST',
    path: '/api/users',
    headers: JSON_TYPE,
    body: JSON.stringify({ user: { id: 9, name: 'Ann' }, tags: ['a', 'b', 'c'] }),
    note: 'body rule by path, body helpers',
  },
  {
    method: 'POST',
    path: '/api/users?mode=strict',
    headers: JSON_TYPE,
    body: '{"user":{"name":"Bob"}}',
    note: 'OR rules: the query',
  },
  {
    method: 'POST',
    path: '/api/users',
    headers: { ...JSON_TYPE, 'x-mode': 'strict' },
    body: '{}',
    note: 'OR rules: the header',
  },
  { method: 'POST', path: '/api/users', headers: JSON_TYPE, body: '{}', note: 'default response' },
  {
    method: 'PUT',
    path: '/api/users/4',
    headers: JSON_TYPE,
    body: '{"name":"Zoe"}',
    note: 'PUT, text body',
  },
  { method: 'DELETE', path: '/api/users/4', note: '204' },
  { method: 'POST', path: '/api/form', headers: FORM_TYPE, body: 'name=al&age=7', note: 'form body' },
  {
    method: 'POST',
    path: '/api/form',
    headers: FORM_TYPE,
    body: 'name=al&user[first]=Al&tags[]=x&tags[]=y',
    note: 'form body with bracketed names',
  },
  { method: 'POST', path: '/api/form', headers: FORM_TYPE, body: 'name=bob', note: 'rule on a form field' },
  { path: '/api/files/a/b.txt', note: 'wildcard' },
  { path: '/api/blocks?kind=book&n=5', headers: { cookie: 'sid=1' }, note: 'repeat, each, if/eq, switch' },
  { path: '/api/blocks?kind=pen', note: 'other branches' },
  { path: '/api/blocks', note: 'no query' },
  { path: '/api/text?s=hey&n=4', note: 'text and number helpers' },
  { path: '/api/dates', note: 'date helpers with fixed dates' },
  { path: '/api/random', note: 'random helpers, by shape', shape: randomShape },
  { path: '/api/sequence', note: 'sequential 1' },
  { path: '/api/sequence', note: 'sequential 2' },
  { path: '/api/sequence', note: 'sequential 3' },
  { path: '/api/sequence', note: 'sequential, back to 1' },
  { path: '/api/report?n=3', note: 'templated body file' },
  { path: '/api/notes', note: 'text body file' },
  { path: '/api/literal?x=1', note: 'templating disabled' },
  { method: 'PATCH', path: '/api/anything', note: 'any method' },
  { method: 'GET', path: '/api/anything', note: 'any method' },
  { path: '/api/nobody', note: 'empty body' },
  { path: '/api/xml?id=3', note: 'XML' },
  {
    method: 'POST',
    path: '/api/orders',
    headers: JSON_TYPE,
    body: JSON.stringify({ items: [{ id: 'a1' }, { id: 'b2' }], total: 5 }),
    note: 'each over a body array, raw body, global variables',
  },
  {
    method: 'POST',
    path: '/api/orders',
    headers: { ...JSON_TYPE, cookie: 'role=admin' },
    body: '{}',
    note: 'cookie rule',
  },
  { method: 'POST', path: '/api/orders?tag=a&tag=b', headers: JSON_TYPE, body: '{}', note: 'rule on a repeated name' },
  {
    method: 'POST',
    path: '/api/orders',
    headers: { ...JSON_TYPE, 'x-token': 't' },
    body: '{}',
    note: 'header present',
  },
  {
    method: 'POST',
    path: '/api/orders',
    headers: JSON_TYPE,
    body: '{"items":[{"id":"sku-12"}]}',
    note: 'regex on a body array item',
  },
  { method: 'POST', path: '/api/orders', headers: JSON_TYPE, body: '{"total":99}', note: 'equals on a number' },
  { path: '/api/more?id=4', note: 'more text, number, date and block helpers' },
  {
    method: 'POST',
    path: '/api/collections',
    headers: { ...JSON_TYPE, authorization: `Bearer ${JWT}` },
    body: JSON.stringify({
      name: 'n',
      raw: '{"k":"v"}',
      items: [
        { name: 'pen', kind: 'pen', price: 1 },
        { name: 'lamp', kind: 'home', price: 9 },
        { name: 'book', kind: 'book', price: 3 },
      ],
    }),
    note: 'JSON, array, JWT and base64url helpers',
  },
  { path: '/api/opt/7', note: 'an optional parameter, given' },
  { path: '/api/opt', note: 'an optional parameter, left out' },
  { path: '/api/norules?x=1', note: 'rules disabled' },
  { path: '/api/twice', note: 'the first of two same routes' },
  { path: '/api/moved?to=8', note: 'redirect' },
  // Mockoon answers Express's HTML page, Backbench a JSON error
  { path: '/api/missing', note: 'no route, by status', statusOnly: true },
  { path: '/api/users/5/', note: 'trailing slash' },
  {
    method: 'OPTIONS',
    path: '/api/users/5',
    headers: { origin: 'http://example.com', 'access-control-request-method': 'PUT' },
    note: 'CORS preflight',
  },
  // Express matches paths whatever their case; parameters keep the request's
  { path: '/API/Users/Ab', note: 'case of a path with a parameter' },
  { path: '/api/NOTES', note: 'case of a path without parameters' },
  { path: '/Api/Files/A/B.txt', note: 'case of a wildcard path' },
  { method: 'POST', path: '/api/rules', headers: JSON_TYPE, body: '{"tags":["a","b"]}', note: 'equals on an array' },
  {
    method: 'POST',
    path: '/api/rules',
    headers: JSON_TYPE,
    body: '{"tags":["a"]}',
    note: 'equals on an array, no item',
  },
  { method: 'POST', path: '/api/rules', headers: JSON_TYPE, body: '{"flags":[]}', note: 'empty_array' },
  { method: 'POST', path: '/api/rules', headers: JSON_TYPE, body: '{"flags":[1]}', note: 'empty_array, one item' },
  { method: 'POST', path: '/api/rules', headers: JSON_TYPE, body: '{"kinds":["y","x"]}', note: 'array_includes' },
  { method: 'POST', path: '/api/rules', headers: JSON_TYPE, body: '{"kinds":"x"}', note: 'array_includes, no array' },
  {
    method: 'POST',
    path: '/api/rules',
    headers: { ...JSON_TYPE, 'x-kind': 'b' },
    body: '{}',
    note: 'inverted null, equals',
  },
  { method: 'POST', path: '/api/rules', headers: { ...JSON_TYPE, 'x-kind': 'a' }, body: '{}', note: 'inverted equals' },
  {
    method: 'POST',
    path: '/api/rules',
    headers: { ...JSON_TYPE, 'x-kind': '' },
    body: '{}',
    note: 'inverted null, empty',
  },
  {
    method: 'POST',
    path: '/api/rules?want=blank',
    headers: JSON_TYPE,
    body: '{"name":null}',
    note: 'null on JSON null',
  },
  {
    method: 'POST',
    path: '/api/rules?want=blank',
    headers: JSON_TYPE,
    body: '{"name":""}',
    note: 'null on empty text',
  },
  { method: 'POST', path: '/api/rules?want=blank', headers: JSON_TYPE, body: '{}', note: 'null on an absent value' },
  { method: 'POST', path: '/api/rules?want=blank', headers: JSON_TYPE, body: '{"name":"x"}', note: 'null, a value' },
  { method: 'POST', path: '/api/rules?level=high', headers: JSON_TYPE, body: '{}', note: 'inverted regex' },
  { method: 'POST', path: '/api/rules?level=3', headers: JSON_TYPE, body: '{}', note: 'inverted regex, matching' },
  { method: 'POST', path: '/api/rules?level=', headers: JSON_TYPE, body: '{}', note: 'inverted null, empty query' },
  {
    method: 'POST',
    path: '/api/rules?want=noc',
    headers: JSON_TYPE,
    body: '{"tags":["a"]}',
    note: 'inverted includes',
  },
  {
    method: 'POST',
    path: '/api/rules?want=noc',
    headers: JSON_TYPE,
    body: '{"tags":["c"]}',
    note: 'inverted includes, held',
  },
  { path: '/api/literal-file?x=1', note: 'templating disabled on a file' },
  { path: '/api/bucket/config', note: 'DATABUCKET body, a bucket made by a template that reads another' },
  { path: '/api/bucket/motto', note: 'DATABUCKET body, a bucket that is not JSON' },
  { path: '/api/bucket/helpers', note: 'data and dataRaw by id, name, path and JSONPath' },
  { path: '/api/bucket/rule?v=2', note: 'data_bucket rules by name and JSONPath, AND a query' },
  { path: '/api/bucket/rule?v=1', note: 'data_bucket rule, regex on a number' },
  { path: '/api/people', note: 'CRUD list' },
  { path: '/api/people?sort=name&order=desc', note: 'CRUD list sorted' },
  { path: '/api/people?page=2&limit=2', note: 'CRUD list paged' },
  { path: '/api/people?search=B', note: 'CRUD list searched' },
  { path: '/api/people?id_gte=2&name_start=c', note: 'CRUD list filtered' },
  { path: '/api/people?id_eq=01&name_like=o', note: 'CRUD list filtered, numbers compared as numbers' },
  { path: '/api/people/2', note: 'CRUD one' },
  { path: '/api/people/9', note: 'CRUD one, absent' },
  { method: 'POST', path: '/api/people', headers: JSON_TYPE, body: '{"name":"Dee"}', note: 'CRUD create, id made' },
  { method: 'PUT', path: '/api/people/1', headers: JSON_TYPE, body: '{"name":"Ann B"}', note: 'CRUD replace' },
  { method: 'PATCH', path: '/api/people/2', headers: JSON_TYPE, body: '{"age":40}', note: 'CRUD merge' },
  { method: 'PATCH', path: '/api/people/8', headers: JSON_TYPE, body: '{"age":40}', note: 'CRUD merge, absent' },
  { method: 'DELETE', path: '/api/people/3', note: 'CRUD delete' },
  { method: 'DELETE', path: '/api/people/3', note: 'CRUD delete, gone' },
  { path: '/api/people', note: 'CRUD list after the changes' },
  { path: '/api/bucket/helpers', note: 'helpers see the changed bucket' },
];
