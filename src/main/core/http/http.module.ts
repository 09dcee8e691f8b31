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
import { OAuth2Tokens } from './auth/oauth2-tokens';
import { HttpService } from './http-service';
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
  const service = new HttpService({
    collections,
    environments,
    bodies,
    sender: getSender,
    workspaceDir: ctx.workspaceDir,
    now: ctx.now,
  });

  return {
    service,
    collections,
    handlers: {
      http: {
        send: (input) => service.send(input),
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
      },
    },
    async dispose() {
      service.cancelAll();
      if (sender) await (await sender).close();
      if (cookies) await (await cookies).flush();
      // the script worker is shared by the process; the next send starts a new one
      await closeScriptSandbox();
    },
  };
}
