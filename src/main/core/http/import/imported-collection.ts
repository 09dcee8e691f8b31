/**
 * What every importer produces and the Postman exporter consumes: a collection as an in-memory tree, before it is
 * written to disk as `collection.yaml`, `folder.yaml` and `*.request.yaml` files (issue 8, item 10). Every part
 * passes the schemas of src/shared/http-request.ts; `ImportedCollectionSchema` checks a whole tree at once.
 */
import { z } from 'zod';
import {
  CollectionSettingsSchema,
  EnvironmentFileSchema,
  FolderSettingsSchema,
  HttpRequestFileSchema,
  type CollectionSettings,
  type EnvironmentFile,
  type FolderSettings,
  type HttpRequestFile,
} from '../../../../shared/http-request';

export interface ImportedFolder {
  kind: 'folder';
  name: string;
  settings?: FolderSettings;
  items: ImportedItem[];
}

export interface ImportedRequest {
  kind: 'request';
  request: HttpRequestFile;
}

export type ImportedItem = ImportedFolder | ImportedRequest;

export interface ImportedCollection {
  settings: CollectionSettings;
  items: ImportedItem[];
  /** Environments that came with the collection (Insomnia exports hold them; Postman's are separate files). */
  environments: EnvironmentFile[];
}

export const ImportedItemSchema: z.ZodType<ImportedItem> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('folder'),
      name: z.string().min(1),
      settings: FolderSettingsSchema.optional(),
      items: z.array(ImportedItemSchema),
    }),
    z.strictObject({ kind: z.literal('request'), request: HttpRequestFileSchema }),
  ]),
);

export const ImportedCollectionSchema = z.strictObject({
  settings: CollectionSettingsSchema,
  items: z.array(ImportedItemSchema),
  environments: z.array(EnvironmentFileSchema),
});

/** Every request of a tree, depth first, with the names of the folders above it. */
export function* walkRequests(
  items: ImportedItem[],
  folders: string[] = [],
): Generator<{ request: HttpRequestFile; folders: string[] }> {
  for (const item of items) {
    if (item.kind === 'request') yield { request: item.request, folders };
    else yield* walkRequests(item.items, [...folders, item.name]);
  }
}

/** Files a request body reads; an absolute path (often from another machine) must be chosen again in the workspace. */
export function absoluteFileWarnings(items: ImportedItem[]): string[] {
  const warnings: string[] = [];
  const isAbsolute = (path: string) => path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
  for (const { request, folders } of walkRequests(items)) {
    const body = request.body;
    const files =
      body?.type === 'binary'
        ? [body.file]
        : body?.type === 'multipart'
          ? body.parts.flatMap((part) => part.file ?? [])
          : [];
    for (const file of files.filter(isAbsolute)) {
      warnings.push(
        `request "${[...folders, request.name].join(' / ')}": ${file} is an absolute path; put the file in the workspace and choose it again`,
      );
    }
  }
  return warnings;
}
