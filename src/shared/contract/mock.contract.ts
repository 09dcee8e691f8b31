import { z } from 'zod';
import { proc } from '../proc';
import { MockDefinitionSchema, RouteSchema } from '../mock-definition';

/**
 * A mock's file, relative to the workspace's `mocks/` folder (`shop-api.yaml`); the mock's folder — where its
 * body files live — is the folder that holds it.
 */
export const MockPath = z
  .string()
  .min(1)
  .max(1024)
  .regex(/\.ya?ml$/i, 'a mock file path must end in .yaml or .yml');

export const MockState = z.enum(['stopped', 'starting', 'running', 'failed']);
export type MockState = z.infer<typeof MockState>;

/** A mock as the Mocks panel lists it. */
export const MockSummary = z.object({
  path: z.string(),
  /** From the file; the file name when the file does not parse. */
  name: z.string(),
  port: z.number().int().nullable(),
  state: MockState,
  /** Where it answers while running (`http://127.0.0.1:3001/api`). */
  url: z.string().nullable(),
  /** The path prefix every route answers under (`/api`; '' without one), for the URL shown while stopped. */
  prefix: z.string(),
  routeCount: z.number().int(),
  resourceCount: z.number().int(),
  /** Why it failed to start or its file does not load (naming the file and the field). */
  error: z.string().nullable(),
});
export type MockSummary = z.infer<typeof MockSummary>;

/** One request a running mock served, without bodies (the log's list). */
export const MockRequestSummary = z.object({
  id: z.number().int(),
  time: z.string(),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  /** The matched route (`GET /users/:id`), null when none matched. */
  route: z.string().nullable(),
  responseIndex: z.number().int().nullable(),
  /** 0 when the connection was dropped. */
  status: z.number().int(),
  durationMs: z.number(),
  fault: z.enum(['drop', 'error']).optional(),
  error: z.string().optional(),
});
export type MockRequestSummary = z.infer<typeof MockRequestSummary>;

const Headers = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** One request in full: what came in and what went out (bodies cut at 64 KiB, `truncated` says so). */
export const MockRequestDetail = MockRequestSummary.extend({
  request: z.object({ headers: Headers, body: z.string(), truncated: z.boolean() }),
  response: z.object({ headers: Headers, body: z.string(), truncated: z.boolean() }),
});
export type MockRequestDetail = z.infer<typeof MockRequestDetail>;

export const mockContract = {
  /** The mocks in the workspace's `mocks/` folder, with whether each runs. */
  list: proc(z.object({}), z.array(MockSummary)),
  /**
   * A mock's file: its text and, when it parses, its definition; otherwise `error` names the file and the field
   * (the text is still returned, so the user can fix it).
   */
  read: proc(
    z.object({ path: MockPath }),
    z.object({
      path: z.string(),
      text: z.string(),
      definition: MockDefinitionSchema.nullable(),
      error: z.string().nullable(),
    }),
  ),
  /**
   * Writes a mock's file atomically, keys in their fixed order (from `definition`, or `text` as typed — exactly one
   * of them); an invalid text is refused with INVALID_INPUT naming the field, and the file is left as it was. A
   * running mock reloads its routes without a restart (its state and REST data kept).
   */
  save: proc(
    z.object({
      path: MockPath,
      definition: MockDefinitionSchema.optional(),
      text: z.string().max(5_000_000).optional(),
    }),
    MockSummary,
  ),
  /** Makes a new mock file from a name (`shop-api.yaml` for "Shop API"; a free port chosen); CONFLICT if it exists. */
  create: proc(z.object({ name: z.string().min(1).max(200) }), MockSummary),
  /** Stops the mock if it runs and deletes its file (its folder's other files are kept). */
  delete: proc(z.object({ path: MockPath }), z.object({ deleted: z.boolean() })),
  /**
   * Starts the mock on its port (CONFLICT naming the port when it is taken; NOT_FOUND naming a resource's missing
   * connection or table); returns once it listens. Starting a running mock returns its summary.
   */
  start: proc(z.object({ path: MockPath }), MockSummary),
  stop: proc(z.object({ path: MockPath }), MockSummary),
  /**
   * The requests a mock served since it last started (the log keeps 1,000; a stopped mock keeps its last run's
   * until it starts again), newest last: without `afterId` the last `limit`, with it the first `limit` after it.
   * FILE_NOT_FOUND when there is no such mock.
   */
  requests: proc(
    z.object({
      path: MockPath,
      afterId: z.number().int().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    z.array(MockRequestSummary),
  ),
  /** One request in full (NOT_FOUND once it has left the log). */
  request: proc(z.object({ path: MockPath, id: z.number().int() }), MockRequestDetail),
  /**
   * Makes a new mock from a chosen or uploaded file (`transfer.chooseFile` on the desktop, `POST /upload` in the
   * browser host; known by its id, never a path): an OpenAPI 3.x or Swagger 2 document, a Mockoon environment or
   * a mock YAML file. Its file is named from `name` or the definition's name and gets a free port. `warnings` say
   * what the import could not carry over. INVALID_INPUT naming the file and the problem when it is none of those;
   * CONFLICT when a mock file of that name exists.
   */
  importFile: proc(
    z.object({ fileId: z.string().min(1).max(200), name: z.string().min(1).max(200).optional() }),
    MockSummary.extend({ warnings: z.array(z.string()) }),
  ),
  /** A mock as an OpenAPI 3.0 document (JSON text); `warnings` name what OpenAPI cannot say. */
  exportOpenApi: proc(z.object({ path: MockPath }), z.object({ document: z.string(), warnings: z.array(z.string()) })),
  /**
   * The routes a recording proxy (`proxy.record`) made from the answers it forwarded since the mock started, in
   * the order first seen; `clear` forgets them once read (they are being added to the file). Empty when the mock
   * does not run or records nothing; FILE_NOT_FOUND when there is no such mock.
   */
  recorded: proc(z.object({ path: MockPath, clear: z.boolean().optional() }), z.array(RouteSchema)),
  /** Empties a mock's log; `cleared` is false when it has none (never started). */
  clearRequests: proc(z.object({ path: MockPath }), z.object({ cleared: z.boolean() })),
};
