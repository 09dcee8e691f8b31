import type { BodyType, RequestBody } from '../../../../../shared/http-request';
import type { SectionContext } from './request-section';

/** The body of one type (`BodyOf<'form'>` has `fields`). */
export type BodyOf<T extends BodyType> = Extract<RequestBody, { type: T }>;

/** What the editor of one body type gets: its body (already of that type) and the way to replace it. */
export interface BodyEditorProps<B extends RequestBody = RequestBody> {
  body: B;
  onChange(body: RequestBody): void;
  ctx: SectionContext;
}
