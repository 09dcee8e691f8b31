import { describe, expect, it } from 'vitest';
import { createDispatcher, listProcedures, type Handlers } from '../dispatcher';
import type { ContractShape } from '../proc';
import type { RpcResponse } from '../rpc';
import { contract } from './index';
import { contractSamples } from './contract-samples';

describe('the contract', () => {
  it('lists every procedure (an API change shows up here in review)', () => {
    expect(listProcedures()).toMatchInlineSnapshot(`
      [
        "app.info",
        "app.pickPath",
        "connections.connect",
        "connections.create",
        "connections.delete",
        "connections.disconnect",
        "connections.duplicate",
        "connections.list",
        "connections.parseUrl",
        "connections.statuses",
        "connections.test",
        "connections.update",
        "data.apply",
        "data.discardDraft",
        "data.drafts",
        "data.export",
        "data.loadDraft",
        "data.lookup",
        "data.open",
        "data.preview",
        "data.referencedBy",
        "data.saveDraft",
        "designer.apply",
        "designer.create",
        "designer.ddl",
        "designer.deleteDesign",
        "designer.diff",
        "designer.formatDbml",
        "designer.importText",
        "designer.list",
        "designer.parseDbml",
        "designer.pull",
        "designer.read",
        "designer.write",
        "history.clear",
        "history.list",
        "http.bodyLines",
        "http.bodySearch",
        "http.bodySearchCancel",
        "http.bodyView",
        "http.cancel",
        "http.cancelRun",
        "http.chooseImportFile",
        "http.clearCookies",
        "http.clearOauthTokens",
        "http.clearRuntimeVariables",
        "http.collections",
        "http.cookies",
        "http.createCollection",
        "http.createEnvironment",
        "http.createFolder",
        "http.createRequest",
        "http.delete",
        "http.deleteEnvironment",
        "http.deleteHistory",
        "http.environments",
        "http.exportCollection",
        "http.exportRequest",
        "http.formatRunReport",
        "http.graphqlSchema",
        "http.history",
        "http.historyEntry",
        "http.historyRequest",
        "http.importFile",
        "http.oauthToken",
        "http.parseCurl",
        "http.parseRunData",
        "http.previewImport",
        "http.readBody",
        "http.readEnvironment",
        "http.readRequest",
        "http.readSettings",
        "http.rename",
        "http.runCollection",
        "http.runReport",
        "http.runs",
        "http.saveEnvironment",
        "http.saveRequest",
        "http.saveSettings",
        "http.send",
        "http.setCookie",
        "http.variables",
        "http.wsdlOperations",
        "mock.clearRequests",
        "mock.create",
        "mock.delete",
        "mock.exportOpenApi",
        "mock.importFile",
        "mock.list",
        "mock.read",
        "mock.recorded",
        "mock.request",
        "mock.requests",
        "mock.save",
        "mock.start",
        "mock.stop",
        "query.cancel",
        "query.cancelExport",
        "query.cell",
        "query.close",
        "query.export",
        "query.exportStatus",
        "query.page",
        "query.run",
        "schema.countRows",
        "schema.getSchema",
        "schema.getTree",
        "transfer.cancelImport",
        "transfer.chooseFile",
        "transfer.import",
        "transfer.importStatus",
        "transfer.preview",
        "workspace.deleteQuery",
        "workspace.listQueries",
        "workspace.loadTabs",
        "workspace.readQuery",
        "workspace.saveQuery",
        "workspace.saveTabs",
      ]
    `);
  });

  it('names procedures domain.verb in camelCase', () => {
    for (const name of listProcedures()) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
  });
});

/** Handlers that only record calls: validation must happen before any of them runs. */
function recordingHandlers(calls: string[]): Handlers {
  const handlers: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const [domain, procs] of Object.entries(contract as ContractShape)) {
    handlers[domain] = {};
    for (const proc of Object.keys(procs)) {
      handlers[domain][proc] = async () => {
        calls.push(`${domain}.${proc}`);
        return {};
      };
    }
  }
  return handlers as unknown as Handlers;
}

const samples = contractSamples({ dir: '/tmp/backbench-contract', connectionId: 'conn-1' });
const procedures = listProcedures().map((name) => {
  const [domain, proc] = name.split('.') as [string, string];
  return { name, def: (contract as ContractShape)[domain]![proc]! };
});

/** Values of every JSON type and some edge cases; for each field some of them must be wrong. */
const WRONG_VALUES: unknown[] = [123, -1, 1.5, 'x', '', true, [], {}, null, [1, 'a'], 'x'.repeat(1_100_000)];

describe('every procedure rejects malformed input with INVALID_INPUT', () => {
  const calls: string[] = [];
  const dispatch = createDispatcher(recordingHandlers(calls));
  const expectInvalid = async (method: string, input: unknown) => {
    const before = calls.length;
    const response: RpcResponse = await dispatch({ id: 7, method, input });
    expect(response.ok, `${method} accepted ${JSON.stringify(input)?.slice(0, 200)}`).toBe(false);
    if (!response.ok) expect(response.error.code).toBe('INVALID_INPUT');
    expect(response.id).toBe(7);
    expect(calls.length, `${method}'s handler ran on invalid input`).toBe(before);
  };

  it('has a well-formed sample for every procedure', () => {
    expect(Object.keys(samples).sort()).toEqual(listProcedures());
  });

  it.each(procedures)('$name', async ({ name, def }) => {
    const sample = samples[name]!;
    // the sample itself passes and reaches the handler
    const good = await dispatch({ method: name, input: sample });
    expect(good, `${name}: the sample should be valid`).toMatchObject({ ok: true });
    expect(calls.at(-1)).toBe(name);

    // non-objects, always
    for (const input of [123, 'x', true, [], [sample], -0.5]) await expectInvalid(name, input);

    // an empty or unrelated object, when the procedure requires fields
    if (!def.input.safeParse({}).success) {
      await expectInvalid(name, {});
      await expectInvalid(name, { bogus: 1 });
      await expectInvalid(name, { __proto__: null, constructor: 'x' });
    }

    // each field: removing it (when required) and giving it a wrong type
    for (const key of Object.keys(sample)) {
      const without = { ...sample };
      delete without[key];
      if (!def.input.safeParse(without).success) await expectInvalid(name, without);
      const wrong = WRONG_VALUES.filter((value) => !def.input.safeParse({ ...sample, [key]: value }).success);
      expect(wrong.length, `${name}.${key} accepts values of every type`).toBeGreaterThan(0);
      for (const value of wrong) await expectInvalid(name, { ...sample, [key]: value });
    }
  });

  it('rejects malformed envelopes and unknown procedures', async () => {
    for (const raw of [null, 1, 'app.info', [], {}, { method: '' }, { method: 1 }, { method: 'x'.repeat(101) }]) {
      const response = await dispatch(raw);
      expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    for (const method of [
      'nope.nope',
      'app',
      'app.',
      '.info',
      '__proto__.toString',
      'app.constructor',
      'constructor.name',
      'app.hasOwnProperty',
    ]) {
      const response = await dispatch({ method, input: {} });
      expect(response, method).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    }
  });
});
