import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import { matchesOnLine, selectLine, BLOCK_LINES } from '../../../stores/http-body-view';
import { BodyLine } from './body-line';
import { bodyViews, useBodyView } from './body-view-store';
import { BodyViewerToolbar } from './body-viewer-toolbar';
import { useLineScroll } from './use-line-scroll';
import './body-viewer.css';

const LINE_HEIGHT = 18;
/** Lines fetched beyond the visible ones, each way. */
const MARGIN = 100;
const NO_MATCHES: never[] = [];

/**
 * A body kept on disk, however big, as lines: only the visible ones are in the page (fetched in blocks as the
 * view moves), the scrollbar spans the whole body, search marks its matches and moves between them.
 */
export function BodyViewer({ handle }: { handle: string }) {
  const entry = useBodyView((s) => s.byHandle[handle]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<number | null>(null);
  /** The longest line seen so far, in characters: the canvas only widens, so the scrollbar does not jump. */
  const [widest, setWidest] = useState(0);

  useEffect(() => {
    void bodyViews.getState().open(handle);
    return () => bodyViews.getState().close(handle);
  }, [handle]);

  const lineCount = entry?.status?.lineCount ?? 0;
  const scroll = useLineScroll(lineCount, LINE_HEIGHT, scrollRef);
  const { first, last } = scroll;

  useEffect(() => {
    bodyViews.getState().ensureLines(handle, first - MARGIN, last + MARGIN);
  }, [handle, first, last, lineCount]);

  const search = entry?.search ?? null;
  const current = search?.current ?? -1;
  const currentMatch = current >= 0 ? search?.matches[current] : undefined;
  const { reveal } = scroll;
  useEffect(() => {
    if (currentMatch) reveal(currentMatch.line);
  }, [currentMatch, reveal]);
  // the current match's column may be off to the right: once its line is in the page, show it
  const version = entry?.version ?? 0;
  const revealed = useRef<unknown>(null);
  useEffect(() => {
    if (!currentMatch || revealed.current === currentMatch) return;
    const el = scrollRef.current;
    const mark = el?.querySelector<HTMLElement>('mark[data-current]');
    if (!el || !mark) return;
    revealed.current = currentMatch;
    const left = mark.offsetLeft;
    if (left < el.scrollLeft + 60 || left + mark.offsetWidth > el.scrollLeft + el.clientWidth)
      el.scrollLeft = Math.max(0, left - el.clientWidth / 2);
  }, [currentMatch, version]);

  const goToLine = (line: number) => {
    setTarget(line);
    reveal(line);
    scrollRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'f') {
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
      return;
    }
    if (event.target !== scrollRef.current) return;
    const page = scroll.viewportLines - 1;
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      End: Infinity,
      Home: -Infinity,
    };
    const by = moves[event.key];
    if (by === undefined) return;
    event.preventDefault();
    if (by === -Infinity) scroll.moveTo(0);
    else scroll.moveBy(by);
  };

  const gutterWidth = Math.max(40, String(lineCount).length * 8 + 16);
  const rows = [];
  let visibleWidest = widest;
  for (let line = first; line <= last && line < lineCount; line++) {
    const text = selectLine(entry, line);
    if (text && text.length > visibleWidest) visibleWidest = Math.min(text.length, 10_001);
    const block = entry?.blocks.get(Math.floor(line / BLOCK_LINES));
    rows.push(
      <BodyLine
        key={line}
        line={line}
        top={scroll.lineTop(line)}
        gutterWidth={gutterWidth}
        text={text}
        truncated={block?.truncated.has(line) ?? false}
        matches={search ? matchesOnLine(search.matches, line) : NO_MATCHES}
        current={current}
        target={line === target}
      />,
    );
  }

  if (visibleWidest > widest) setWidest(visibleWidest);

  return (
    <div className="bv" data-testid="body-viewer" onKeyDown={onKeyDown}>
      {entry && <BodyViewerToolbar handle={handle} entry={entry} onGoToLine={goToLine} searchRef={searchRef} />}
      {entry?.error && <ErrorMessage error={entry.error} compact />}
      {entry?.status?.note && <p className="http-hint">{entry.status.note}</p>}
      <div
        ref={scrollRef}
        className="bv-scroll"
        tabIndex={0}
        role="document"
        aria-label="Response body"
        data-testid="body-viewer-scroll"
        data-first-line={first + 1}
        data-last-line={last + 1}
      >
        <div
          className="bv-canvas"
          style={{ height: scroll.realHeight, minWidth: `calc(${gutterWidth + 24}px + ${widest}ch)` }}
        >
          <div className="bv-layer" style={{ top: scroll.layerTop }}>
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
}
