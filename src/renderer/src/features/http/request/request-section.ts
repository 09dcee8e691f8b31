import type { ReactNode } from 'react';
import type { HttpDraft } from '../../../stores/http.store';

/** What every section of the request editor gets: the tab, its draft and the ways to change it. */
export interface SectionContext {
  tabId: string;
  draft: HttpDraft;
  /** Replaces the draft with `update(draft)`. */
  update(update: (draft: HttpDraft) => HttpDraft): void;
  /** Sets some of the draft's fields. */
  edit(change: Partial<HttpDraft>): void;
  theme: 'dark' | 'light';
}

/**
 * One tab of the request editor's section list (Params, Headers, Body…): a feature adds a section with one entry.
 * `label` may show a count (`Headers (2)`).
 */
export interface RequestSection {
  id: string;
  label(ctx: SectionContext): string;
  render(ctx: SectionContext): ReactNode;
}

/** `Headers (2)` for a non-empty list, `Headers` otherwise. */
export const counted = (label: string, count: number): string => (count > 0 ? `${label} (${count})` : label);
