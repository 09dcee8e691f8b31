/**
 * The HTTP client (issue 8) as a core module: collections and environments under the workspace, the send path,
 * the workspace's cookie jar and big response bodies in the data dir. Dispose cancels sends under way and closes
 * the pooled connections.
 */
import { errorFields } from '../logging/logger';
import type { CoreModule, ModuleContext } from '../module';
import { CollectionFiles } from './collections/collection-files';
import { CollectionService } from './collections/collection-service';
import { EnvironmentFiles } from './collections/environment-files';
import { watchHttpFiles } from './collections/watch-files';
import { OAuth2Tokens } from './auth/oauth2-tokens';
import { HttpService } from './http-service';
import { HttpHistoryRecorder } from './history/history-recorder';
import { HttpHistoryStore } from './history/http-history-store';
import { HttpImportExport } from './import-export-service';
import { BodyViews } from './body-view/body-views';
import { RunReportStore } from './runner/run-report-store';
import { RunService } from './runner/run-service';
import { parseDataText } from './runner/run-inputs';
import { jsonReport } from './runner/reporters/json-reporter';
import { junitReport } from './runner/reporters/junit-reporter';
import { closeScriptSandbox } from './script/run-script';
import { BodyStore } from './send/body-store';
import type { WorkspaceCookies } from './send/cookie-jar';
import type { HttpSender } from './send/http-sender';
import { SecretVariables } from './variables/secret-variables';

export interface HttpModule extends CoreModule<'http'> {
  service: HttpService;
  collections: CollectionService;
}

export function createHttpModule(ctx: ModuleContext): HttpModule {
  const secrets = new SecretVariables(ctx.appDb, ctx.secrets);
  const files = new CollectionFiles(ctx.workspaceDir);
  const collections = new CollectionService(files, secrets);
  const environments = new EnvironmentFiles(ctx.workspaceDir, secrets);
  const bodies = new BodyStore(ctx.dataDir);
  const oauth2 = new OAuth2Tokens({
    secrets,
    now: () => ctx.now().getTime(),
    // the page always goes out as an event (the browser host's page offers it as a link); a host that can also
    // opens it in the system browser
    open: async (url) => {
      ctx.emit('http.authorizationRequested', { url });
      await ctx.openUrl?.(url);
    },
  });
  bodies.prune().catch((error: unknown) => ctx.logger.warn(errorFields(error), 'Old response bodies were not pruned'));
  const bodyViews = new BodyViews(bodies);
  bodyViews.prune().catch((error: unknown) => ctx.logger.warn(errorFields(error), 'Old body views were not pruned'));
  // undici (~0.1 s to load) and tough-cookie load, and the jar is read, on first use: a start that sends nothing
  // pays for none of it
  let cookies: Promise<WorkspaceCookies> | null = null;
  const jar = () =>
    (cookies ??= import('./send/cookie-jar').then(({ WorkspaceCookies }) =>
      WorkspaceCookies.open(ctx.dataDir, ctx.workspaceDir),
    ));
  let sender: Promise<HttpSender> | null = null;
  const getSender = () =>
    (sender ??= Promise.all([jar(), import('./send/http-sender')]).then(
      ([loaded, { HttpSender }]) => new HttpSender({ bodies, cookies: loaded, oauth2 }),
    ));
  const historyStore = new HttpHistoryStore(ctx.appDb);
  const history = new HttpHistoryRecorder({
    store: historyStore,
    bodies,
    emit: ctx.emit,
    logger: ctx.logger,
    secrets: ctx.secrets,
  });
  const service = new HttpService({
    collections,
    environments,
    bodies,
    sender: getSender,
    workspaceDir: ctx.workspaceDir,
    now: ctx.now,
    history,
  });

  // live pickup: changes made outside the app (a `git pull`) reach the renderer as one debounced event
  const watch = watchHttpFiles({
    workspaceDir: ctx.workspaceDir,
    onChange: (change) => ctx.emit('http.filesChanged', change),
    onError: (error) => ctx.logger.warn(errorFields(error), 'HTTP files are not watched for changes'),
  });

  const transfer = new HttpImportExport({
    files,
    collections,
    environments,
    dataDir: ctx.dataDir,
    dialogs: ctx.dialogs,
    variables: (input) => service.visibleVariables(input),
    now: ctx.now,
  });
  const runs = new RunService({
    collections,
    environments,
    bodies,
    sender: getSender,
    workspaceDir: ctx.workspaceDir,
    emit: ctx.emit,
    now: ctx.now,
    reports: new RunReportStore(ctx.appDb),
  });

  return {
    service,
    collections,
    handlers: {
      http: {
        send: (input) => service.send(input, { record: true }),
        cancel: async ({ sendId }) => ({ cancelled: service.cancel(sendId) }),
        readBody: (input) => service.readBody(input),
        collections: () => files.tree(),
        readRequest: ({ path }) => collections.readRequest(path),
        saveRequest: async ({ path, request, text }) => ({
          path,
          request: await collections.saveRequest(path, { request, text }),
        }),
        createRequest: async ({ parent, request }) => ({ path: await files.createRequest(parent, request) }),
        createCollection: async ({ name }) => ({ path: await files.createCollection(name) }),
        createFolder: async ({ parent, name }) => ({ path: await files.createFolder(parent, name) }),
        rename: async ({ path, name }) => ({ path: await files.rename(path, name) }),
        delete: async ({ path }) => ({ deleted: await files.delete(path) }),
        readSettings: ({ path }) => collections.readSettings(path),
        saveSettings: async (input) => {
          await collections.saveSettings(input);
          return { saved: true };
        },
        environments: () => environments.list(),
        readEnvironment: ({ path }) => environments.read(path),
        saveEnvironment: async ({ path, environment }) => {
          await environments.save(path, environment);
          return { saved: true };
        },
        createEnvironment: async ({ name }) => ({ path: await environments.create(name) }),
        deleteEnvironment: async ({ path }) => ({ deleted: await environments.delete(path) }),
        variables: (input) => service.visibleVariables(input),
        clearRuntimeVariables: async () => ({ removed: service.clearRuntimeVariables() }),
        cookies: async () => (await jar()).list(),
        clearCookies: async (filter) => ({ removed: await (await jar()).clear(filter) }),
        setCookie: async (cookie) => (await jar()).set(cookie),
        history: async (input) => historyStore.list(input),
        historyEntry: async ({ id }) => historyStore.get(id),
        deleteHistory: async ({ id }) => ({ removed: historyStore.delete(id) }),
        chooseImportFile: () => transfer.chooseFile(),
        previewImport: (input) => transfer.preview(input),
        importFile: (input) => transfer.import(input),
        parseCurl: ({ command }) => transfer.parseCurl(command),
        exportRequest: (input) => transfer.exportRequest(input),
        exportCollection: (input) => transfer.exportCollection(input),
        bodyView: ({ handle }) => bodyViews.open(handle),
        bodyLines: (input) => bodyViews.lines(input),
        bodySearch: ({ fromLine, fromColumn, ...input }) =>
          bodyViews.search({ ...input, fromLine: fromLine ?? 0, fromColumn: fromColumn ?? 0 }),
        bodySearchCancel: async ({ handle }) => ({ cancelled: bodyViews.cancelSearch(handle) }),
        runCollection: async (input) => runs.start(input),
        cancelRun: async ({ runId }) => ({ cancelled: runs.cancel(runId) }),
        runs: async ({ path }) => ({ runs: runs.list(path) }),
        runReport: async ({ id }) => runs.report(id),
        parseRunData: async ({ text, fileName }) => {
          const rows = parseDataText(text, fileName);
          return { rows, columns: [...new Set(rows.flatMap((row) => Object.keys(row)))] };
        },
        formatRunReport: async ({ report, format }) => ({
          text: format === 'junit' ? junitReport(report) : jsonReport(report),
        }),
        oauthToken: async ({ mode, ...input }) => {
          const { auth, from } = await service.resolveOAuth2(input);
          if (mode === 'cached') {
            const cached = oauth2.cached(auth);
            return { token: cached ? oauth2.summary(cached, true) : null, authFrom: from };
          }
          const { token, fromCache } = await oauth2.token(auth, { fresh: mode === 'new' });
          return { token: oauth2.summary(token, fromCache), authFrom: from };
        },
        clearOauthTokens: async (filter) => ({ removed: oauth2.clear(filter) }),
        historyRequest: async ({ id }) => history.reopen(id),
        // GraphQL and SOAP bodies (issue 8 item 1): helper requests go through the send path, unrecorded; the
        // graphql and XML parsers load on first use
        graphqlSchema: async (input) =>
          (await import('./graphql/graphql-schema')).fetchGraphqlSchema(
            { send: (i) => service.send(i), bodies },
            input,
          ),
        wsdlOperations: async ({ text, url, request, ...scope }) => {
          const wsdl = await import('./soap/wsdl-operations');
          if (url === undefined) return wsdl.parseWsdl(text ?? '');
          const source = { ...scope, url, request: request ?? { name: 'WSDL', method: 'GET', url } };
          return wsdl.fetchWsdlOperations({ send: (i) => service.send(i), bodies }, source);
        },
      },
    },
    async dispose() {
      watch.close();
      service.cancelAll();
      await bodyViews.dispose();
      await runs.cancelAll();
      if (sender) await (await sender).close();
      if (cookies) await (await cookies).flush();
      // the script worker is shared by the process; the next send starts a new one
      await closeScriptSandbox();
    },
  };
}
