/**
 * The `bb` API and its Postman twin `pm`, built inside the QuickJS sandbox from JSON the host hands in. Like
 * `createExpectLibrary`, this function is evaluated from its source text: it must not reference anything
 * outside its body. It installs `bb`, `pm`, `postman`, `console` and Postman's legacy globals, and returns the
 * function the host calls after the script to read, as JSON text, what the script did.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- script values are anything */
export function installSandboxApi(lib: any, inputJson: string, responseBody: string | undefined) {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const objectKeys = Object.keys;
  const hasOwn = Object.hasOwn;
  const isArray = Array.isArray;
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const global: any = globalThis;
  const MAX_LOGS = 1000;
  const MAX_LOG_CHARS = 10_000;
  const MAX_TESTS = 10_000;

  const input = parse(inputJson);
  const expect = lib.expect;
  const SCOPES = ['runtime', 'data', 'environment', 'collection', 'globals'];
  const values: Record<string, Record<string, string>> = {};
  const changes: Record<string, Record<string, string | null>> = {};
  for (const scope of SCOPES) {
    values[scope] = Object.assign(Object.create(null), input.variables[scope] ?? {});
    changes[scope] = Object.create(null);
  }

  // variables are text, as in the files: a number or object set by a script is kept as its text/JSON
  const asText = (value: unknown): string =>
    typeof value === 'string' ? value : value === undefined || value === null ? '' : (stringify(value) ?? '');

  function resolve(name: string): string | undefined {
    for (const scope of SCOPES) if (hasOwn(values[scope]!, name)) return values[scope]![name];
    return undefined;
  }
  function replaceIn(text: unknown): string {
    return String(text).replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => resolve(name.trim()) ?? whole);
  }

  function scopeApi(scope: string, readOnly = false) {
    const own = values[scope]!;
    const write = (name: string, value: string | null) => {
      if (readOnly) throw new Error(`the ${scope} variables cannot be changed by a script`);
      if (value === null) delete own[name];
      else own[name] = value;
      changes[scope]![name] = value;
    };
    const api: any = {
      get: (name: string) => (scope === 'runtime' ? resolve(String(name)) : own[String(name)]),
      has: (name: string) => (scope === 'runtime' ? resolve(String(name)) !== undefined : hasOwn(own, String(name))),
      set: (name: string, value: unknown) => write(String(name), asText(value)),
      unset: (name: string) => write(String(name), null),
      clear: () => objectKeys(own).forEach((name) => write(name, null)),
      toObject: () => Object.assign({}, scope === 'runtime' ? allVariables() : own),
      replaceIn,
    };
    return freeze(api);
  }
  function allVariables() {
    const all: Record<string, string> = {};
    for (let i = SCOPES.length - 1; i >= 0; i--) Object.assign(all, values[SCOPES[i]!]);
    return all;
  }

  // --- tests and logs
  const tests: { name: string; passed: boolean; error?: string }[] = [];
  const messageOf = (error: any) =>
    error instanceof Error
      ? error.name === 'AssertionError'
        ? error.message
        : `${error.name}: ${error.message}`
      : String(error);
  function test(name: unknown, fn: () => unknown) {
    if (tests.length >= MAX_TESTS) throw new Error(`a script may record at most ${MAX_TESTS} tests`);
    const entry: { name: string; passed: boolean; error?: string } = { name: String(name), passed: true };
    tests.push(entry);
    const fail = (error: unknown) => {
      entry.passed = false;
      entry.error = messageOf(error);
    };
    try {
      const result: any = typeof fn === 'function' ? fn() : undefined;
      if (result && typeof result.then === 'function') {
        fail('the test did not finish: its promise never settled');
        result.then(() => {
          entry.passed = true;
          delete entry.error;
        }, fail);
      }
    } catch (error) {
      fail(error);
    }
  }
  test.skip = () => undefined;

  const logs: { level: string; message: string }[] = [];
  let dropped = 0;
  const format = (arg: unknown) => (typeof arg === 'string' ? arg : lib.show(arg, MAX_LOG_CHARS));
  const consoleApi: any = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    consoleApi[level] = (...args: unknown[]) => {
      if (logs.length >= MAX_LOGS) return void dropped++;
      const message = args.map(format).join(' ');
      logs.push({ level, message: message.length > MAX_LOG_CHARS ? `${message.slice(0, MAX_LOG_CHARS)}…` : message });
    };
  }

  // --- the request: editable before it is sent, a read-only copy after
  const preRequest = input.phase === 'preRequest';
  const request: any = {
    method: input.request.method,
    url: input.request.url,
    headers: input.request.headers.map(([name, value]: [string, string]) => ({ name, value })),
    body: input.request.body,
  };
  const sameName = (a: string) => (h: { name: string }) => String(h.name).toLowerCase() === String(a).toLowerCase();
  const requestMethods: Record<string, (...args: any[]) => unknown> = {
    getHeader: (name: string) => request.headers.find(sameName(name))?.value,
    setHeader: (name: string, value: unknown) => {
      request.headers = request.headers.filter((h: any) => !sameName(name)(h));
      request.headers.push({ name: String(name), value: asText(value) });
    },
    addHeader: (name: string, value: unknown) => request.headers.push({ name: String(name), value: asText(value) }),
    removeHeader: (name: string) => (request.headers = request.headers.filter((h: any) => !sameName(name)(h))),
  };
  for (const name of objectKeys(requestMethods)) defineProperty(request, name, { value: requestMethods[name] });
  if (!preRequest) {
    request.headers.forEach(freeze);
    freeze(request.headers);
    freeze(request);
  }

  const pmUrl = () => {
    const text = () => String(request.url);
    const parts = () => /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#]*)([^?#]*)(?:\?([^#]*))?/i.exec(text()) ?? [];
    return freeze({
      toString: text,
      getHost: () => parts()[1]?.replace(/^.*@/, '').replace(/:\d+$/, '') ?? '',
      getPath: () => parts()[2] || '/',
      getQueryString: () => parts()[3] ?? '',
    });
  };
  const pmRequest: any = {
    headers: freeze({
      get: requestMethods.getHeader,
      has: (name: string) => request.headers.some(sameName(name)),
      add: (h: { key: string; value: unknown }) => requestMethods.addHeader!(h.key, h.value),
      upsert: (h: { key: string; value: unknown }) => requestMethods.setHeader!(h.key, h.value),
      remove: requestMethods.removeHeader,
      toObject: () => Object.fromEntries(request.headers.map((h: any) => [h.name, h.value])),
    }),
  };
  defineProperty(pmRequest, 'method', {
    get: () => request.method,
    set: (m) => (request.method = m),
    enumerable: true,
  });
  defineProperty(pmRequest, 'url', { get: pmUrl, set: (u) => (request.url = String(u)), enumerable: true });
  defineProperty(pmRequest, 'body', {
    get: () =>
      request.body === null
        ? undefined
        : freeze({
            mode: 'raw',
            raw: request.body,
            toString: () => request.body,
            update: (t: unknown) => (request.body = asText(t)),
          }),
    enumerable: true,
  });

  // --- the response (post-response scripts only)
  let bbResponse: any;
  let pmResponse: any;
  if (input.response) {
    const res = input.response;
    const body: string = responseBody ?? '';
    const headerList: [string, string][] = res.headers;
    const header = (name: string) => {
      const found = headerList.filter(([key]) => key.toLowerCase() === String(name).toLowerCase());
      return found.length > 0 ? found.map(([, value]) => value).join(', ') : undefined;
    };
    const json = () => {
      try {
        return parse(body);
      } catch {
        throw new Error(`the response body is not JSON (it starts with ${lib.show(body.slice(0, 40))})`);
      }
    };
    const headerObject: Record<string, string> = {};
    for (const [key] of headerList) headerObject[key.toLowerCase()] = header(key)!;
    bbResponse = freeze({
      status: res.status,
      statusText: res.statusText,
      headers: freeze(headerObject),
      header,
      body,
      json,
      text: () => body,
      time: res.timeMs,
      size: res.size,
    });
    pmResponse = {
      code: res.status,
      status: res.statusText,
      responseTime: res.timeMs,
      responseSize: res.size,
      headers: freeze({
        get: header,
        has: (name: string) => header(name) !== undefined,
        toObject: () => ({ ...headerObject }),
      }),
      json,
      text: () => body,
    };
    defineProperty(pmResponse, 'to', { get: () => responseAssertion(res.status, header, body, json) });
    freeze(pmResponse);
    global.responseBody = body;
    global.responseCode = freeze({ code: res.status, name: res.statusText });
    global.responseTime = res.timeMs;
    global.responseHeaders = freeze({ ...headerObject });
  }

  /** `pm.response.to.have.status(200)`, `pm.response.to.be.ok`…: Postman's response assertions. */
  function responseAssertion(
    status: number,
    header: (n: string) => string | undefined,
    body: string,
    json: () => unknown,
  ) {
    let negate = false;
    const chain: any = {};
    const check = (passed: boolean, message: string) => {
      if (passed === negate)
        throw lib.AssertionError(
          negate ? message.replace('expected response to', 'expected response not to') : message,
        );
      return chain;
    };
    for (const word of ['to', 'be', 'have', 'and', 'that', 'is', 'with'])
      defineProperty(chain, word, { get: () => chain });
    defineProperty(chain, 'not', { get: () => ((negate = !negate), chain) });
    const classes: Record<string, (s: number) => boolean> = {
      ok: (s) => s === 200,
      success: (s) => s >= 200 && s < 300,
      accepted: (s) => s === 202,
      withBody: () => body.length > 0,
      info: (s) => s >= 100 && s < 200,
      redirection: (s) => s >= 300 && s < 400,
      clientError: (s) => s >= 400 && s < 500,
      serverError: (s) => s >= 500,
      error: (s) => s >= 400,
      badRequest: (s) => s === 400,
      unauthorized: (s) => s === 401,
      forbidden: (s) => s === 403,
      notFound: (s) => s === 404,
      rateLimited: (s) => s === 429,
    };
    for (const name of objectKeys(classes)) {
      defineProperty(chain, name, {
        get: () => check(classes[name]!(status), `expected response to be ${name}, but its status is ${status}`),
      });
    }
    defineProperty(chain, 'json', {
      get: () => {
        let isJson = true;
        try {
          json();
        } catch {
          isJson = false;
        }
        return check(isJson, 'expected response to have a JSON body');
      },
    });
    chain.status = (expected: number | string) =>
      typeof expected === 'number'
        ? check(status === expected, `expected response to have status code ${expected} but got ${status}`)
        : check(
            String(input.response.statusText) === expected,
            `expected response to have status reason ${lib.show(expected)} but got ${lib.show(input.response.statusText)}`,
          );
    chain.header = (name: string, value?: string) =>
      value === undefined
        ? check(header(name) !== undefined, `expected response to have header ${lib.show(name)}`)
        : check(
            header(name) === value,
            `expected response to have header ${lib.show(name)} with value ${lib.show(value)}, got ${lib.show(header(name))}`,
          );
    chain.body = (expected?: string) =>
      expected === undefined
        ? check(body.length > 0, 'expected response to have a body')
        : check(body === expected, `expected response body to equal ${lib.show(expected)}`);
    chain.jsonBody = (...args: [path?: string, value?: unknown]) => {
      const data: any = json();
      if (args.length === 0) return check(data !== undefined, 'expected response to have a JSON body');
      let node = data;
      for (const key of String(args[0]).split('.')) node = node === null || node === undefined ? undefined : node[key];
      const path = lib.show(args[0]);
      return args.length > 1
        ? check(
            lib.deepEqual(node, args[1]),
            `expected response to have JSON property ${path} of ${lib.show(args[1])}, got ${lib.show(node)}`,
          )
        : check(node !== undefined, `expected response to have JSON property ${path}`);
    };
    return chain;
  }

  // --- the globals a script sees
  const variables = scopeApi('runtime');
  const environment = scopeApi('environment');
  const collection = scopeApi('collection');
  const globals = scopeApi('globals');
  const iterationData = scopeApi('data', true);
  const info = freeze({
    requestName: input.info?.requestName ?? '',
    iteration: input.info?.iteration ?? 0,
    eventName: preRequest ? 'prerequest' : 'test',
  });
  global.bb = freeze({
    variables,
    environment,
    collection,
    globals,
    iterationData,
    request,
    response: bbResponse,
    test,
    expect,
    info,
  });
  const legacyTests: Record<string, unknown> = {};
  global.pm = freeze({
    variables,
    environment,
    collectionVariables: collection,
    globals,
    iterationData,
    request: freeze(pmRequest),
    response: pmResponse,
    test,
    expect,
    info,
    sendRequest: () => {
      throw new Error('pm.sendRequest is not available: scripts in Backbench have no network access');
    },
  });
  global.postman = freeze({
    setEnvironmentVariable: environment.set,
    getEnvironmentVariable: environment.get,
    clearEnvironmentVariable: environment.unset,
    setGlobalVariable: globals.set,
    getGlobalVariable: globals.get,
    clearGlobalVariable: globals.unset,
  });
  global.tests = legacyTests;
  global.console = freeze(consoleApi);

  /** Called by the host after the script (and its promises) ran: everything the script did, as JSON text. */
  return function finish(): string {
    for (const name of objectKeys(legacyTests)) {
      if (tests.length < MAX_TESTS) tests.push({ name, passed: !!legacyTests[name] });
    }
    if (dropped > 0)
      logs.push({ level: 'warn', message: `${dropped} more log lines were dropped (at most ${MAX_LOGS} are kept)` });
    const out: any = { tests, variables: changes, logs };
    if (preRequest) {
      out.request = {
        method: String(request.method),
        url: String(request.url),
        headers: isArray(request.headers) ? request.headers.map((h: any) => [String(h.name), asText(h.value)]) : [],
        body: request.body === null || request.body === undefined ? null : asText(request.body),
      };
    }
    return stringify(out);
  };
}
