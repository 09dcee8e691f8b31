/** Collection folders written for the runner's tests and a runner wired to a test sender. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectionSettings, FolderSettings, HttpRequestFile } from '../../../../shared/http-request';
import { stringifyCollection, stringifyFolder, stringifyRequest } from '../collections/http-yaml';
import type { useSender } from '../testing/sender-fixture';
import { runCollection, type RunOptions } from './collection-runner';
import type { RunEvent } from './run-types';

export interface DirSpec {
  collection?: CollectionSettings;
  /** `relative/dir` → its folder.yaml. */
  folders?: Record<string, FolderSettings>;
  /** `relative/file.request.yaml` → the request. */
  requests: Record<string, HttpRequestFile>;
}

export function writeCollectionDir(dir: string, spec: DirSpec): string {
  mkdirSync(dir, { recursive: true });
  if (spec.collection) writeFileSync(join(dir, 'collection.yaml'), stringifyCollection(spec.collection));
  for (const [folder, settings] of Object.entries(spec.folders ?? {})) {
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, 'folder.yaml'), stringifyFolder(settings));
  }
  for (const [file, request] of Object.entries(spec.requests)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), stringifyRequest(request));
  }
  return dir;
}

/** Runs with a sender from `useSender`, collecting the events. */
export async function runWith(
  sender: Awaited<ReturnType<ReturnType<typeof useSender>>>,
  options: Omit<RunOptions, 'send' | 'bodies'>,
) {
  const events: RunEvent[] = [];
  const report = await runCollection({
    ...options,
    send: (outgoing, signal) => sender.sender.send(outgoing, signal),
    bodies: sender.bodies,
    onEvent: (event) => events.push(event),
  });
  const finished = events.flatMap((event) => (event.type === 'requestFinished' ? [event.outcome] : []));
  return { report, events, finished };
}
