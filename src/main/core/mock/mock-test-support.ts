import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '../../../shared/client';
import type { EventPayload, EventTopic } from '../../../shared/events';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { createMemoryLogger, type LogLine } from '../logging/logger';
import { createServices, type Services } from '../services';

/** Test support (not shipped): real services over a temp data dir, an in-memory client and the events emitted. */
export interface MockFixture {
  dir: string;
  workspaceDir: string;
  services: Services;
  client: Client;
  events: { topic: EventTopic; payload: unknown }[];
  logLines: LogLine[];
  eventsOf<T extends EventTopic>(topic: T): EventPayload<T>[];
  dispose(): Promise<void>;
}

export async function openMockFixture(options: { createSample?: boolean } = {}): Promise<MockFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'bb-mock-'));
  const events: { topic: EventTopic; payload: unknown }[] = [];
  const logLines: LogLine[] = [];
  const services = await createServices({
    host: 'test',
    dataDir: dir,
    createSample: options.createSample ?? false,
    logger: createMemoryLogger(logLines),
    emit: (topic, payload) => void events.push({ topic, payload }),
  });
  return {
    dir,
    workspaceDir: join(dir, 'workspace'),
    services,
    client: createClient(createMemoryTransport(services.dispatch)),
    events,
    logLines,
    eventsOf: <T extends EventTopic>(topic: T) =>
      events.filter((event) => event.topic === topic).map((event) => event.payload as EventPayload<T>),
    dispose: async () => {
      await services.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
