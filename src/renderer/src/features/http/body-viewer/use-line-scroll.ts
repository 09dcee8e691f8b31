import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { MAX_REAL_HEIGHT, scrollRatio } from '../../results/scaled-scroll';

/**
 * Vertical scrolling over `count` lines of `lineHeight` px, virtualized by arithmetic: lines are all one
 * height, so the visible ones are `top / lineHeight` on — no per-line measurement array (TanStack Virtual keeps
 * one object per item and rebuilds them when the count grows, seconds of main thread for 5M lines while a body
 * is still being indexed). Past MAX_REAL_HEIGHT the canvas is scaled as the results grid's is
 * (results/scaled-scroll.ts): the scrollbar maps proportionally, the wheel and keys move in real lines.
 */
export function useLineScroll(count: number, lineHeight: number, scrollRef: { current: HTMLDivElement | null }) {
  const virtualHeight = count * lineHeight;
  const realHeight = Math.min(virtualHeight, MAX_REAL_HEIGHT);
  const [viewport, setViewport] = useState(0);
  /** Where the view is, in virtual px, and the real scrollTop that stands for it. */
  const [at, setAt] = useState({ virtual: 0, real: 0 });
  const expectedReal = useRef(0);
  const virtualRef = useRef(0);
  const ratio = scrollRatio(virtualHeight, realHeight, viewport);
  const ratioRef = useRef(ratio);
  useLayoutEffect(() => {
    ratioRef.current = ratio;
  }, [ratio]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollRef]);

  const moveTo = useCallback(
    (virtual: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const max = Math.max(0, virtualHeight - el.clientHeight);
      const clamped = Math.max(0, Math.min(max, virtual));
      virtualRef.current = clamped;
      expectedReal.current = Math.round(clamped / ratioRef.current);
      el.scrollTop = expectedReal.current;
      setAt({ virtual: clamped, real: el.scrollTop });
    },
    [scrollRef, virtualHeight],
  );

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      const real = el.scrollTop;
      // a scroll we made keeps its exact virtual offset; any other (scrollbar drag, keys) maps proportionally
      if (ratioRef.current === 1 || Math.abs(real - expectedReal.current) > 1)
        virtualRef.current = real * ratioRef.current;
      expectedReal.current = real;
      setAt({ virtual: virtualRef.current, real });
    };
    const onWheel = (event: WheelEvent) => {
      if (ratioRef.current === 1 || event.ctrlKey || Math.abs(event.deltaY) < Math.abs(event.deltaX)) return;
      event.preventDefault();
      const unit = event.deltaMode === 1 ? lineHeight : event.deltaMode === 2 ? el.clientHeight : 1;
      moveTo(virtualRef.current + event.deltaY * unit);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
    };
  }, [scrollRef, lineHeight, moveTo]);

  const first = Math.max(0, Math.min(count - 1, Math.floor(at.virtual / lineHeight)));
  const last = Math.max(0, Math.min(count - 1, Math.ceil((at.virtual + viewport) / lineHeight)));

  /** Brings `line` into view: centred when it is out of view, left where it is otherwise. */
  const reveal = useCallback(
    (line: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const top = line * lineHeight;
      if (top >= virtualRef.current && top + lineHeight <= virtualRef.current + el.clientHeight) return;
      moveTo(top - (el.clientHeight - lineHeight) / 2);
    },
    [scrollRef, lineHeight, moveTo],
  );

  /** Moves by `lines` (negative: up); Infinity goes to the end. */
  const moveBy = useCallback(
    (lines: number) => moveTo(lines === Infinity ? virtualHeight : virtualRef.current + lines * lineHeight),
    [moveTo, virtualHeight, lineHeight],
  );

  return {
    realHeight,
    first,
    last,
    viewportLines: Math.max(1, Math.floor(viewport / lineHeight)),
    /** The rows layer sits at the real scroll offset; a line's top inside it: */
    layerTop: at.real,
    lineTop: (line: number) => line * lineHeight - at.virtual,
    reveal,
    moveBy,
    moveTo,
  };
}
