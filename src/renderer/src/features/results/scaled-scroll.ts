import { elementScroll, observeElementOffset, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

/**
 * Tallest scrollable canvas we let the browser lay out. Past a few million pixels Chromium's compositor
 * (float offsets) draws rows a pixel or two off, and past ~33.5M px (LayoutUnit's limit) layout stops
 * altogether: a 10M-row result at 26 px is 260M px. Taller results are mapped onto this height.
 */
export const MAX_REAL_HEIGHT = 1_500_000;

type OffsetCallback = (offset: number, isScrolling: boolean) => void;

/** The scrollbar's position for a virtual offset, and back (pure, so the mapping is tested without a DOM). */
export function scrollRatio(virtualHeight: number, realHeight: number, viewport: number): number {
  return realHeight < virtualHeight ? (virtualHeight - viewport) / Math.max(1, realHeight - viewport) : 1;
}

/**
 * Vertical scrolling in "virtual" pixels for the row virtualizer: the canvas is at most MAX_REAL_HEIGHT tall
 * and the real scrollTop is scaled by `ratio`. Rows are placed relative to the viewport — the rows layer sits
 * at the real scroll offset and each row `start - virtualOffset` below it — so no element is ever positioned
 * millions of pixels down. Wheel input is applied in virtual pixels so a notch still moves a few rows, not
 * hundreds; dragging the scrollbar maps proportionally. With small results ratio is 1 and nothing changes.
 */
export function useScaledScroll(virtualHeight: number, scrollRef: { current: HTMLDivElement | null }) {
  const realHeight = Math.min(virtualHeight, MAX_REAL_HEIGHT);
  const ratioRef = useRef(1);
  const virtualRef = useRef(0);
  const expectedRealRef = useRef(0);
  /** The offsets the virtualizer last rendered with (read during render to place the rows). */
  const shownRef = useRef({ real: 0, virtual: 0 });
  const cbRef = useRef<OffsetCallback | null>(null);
  const [viewport, setViewport] = useState(0);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollRef]);
  const ratio = scrollRatio(virtualHeight, realHeight, viewport);
  useEffect(() => {
    ratioRef.current = ratio;
  }, [ratio]);

  /** Tells the virtualizer where we are, remembering both offsets for placing the rows. */
  const report = useCallback((real: number, virtual: number, isScrolling: boolean) => {
    shownRef.current = { real, virtual };
    cbRef.current?.(virtual, isScrolling);
  }, []);

  const options = useMemo(
    () => ({
      observeElementOffset: (instance: Virtualizer<HTMLDivElement, Element>, cb: OffsetCallback) => {
        cbRef.current = cb;
        return observeElementOffset(instance, (real, isScrolling) => {
          // a scroll we caused keeps its exact virtual offset; any other (scrollbar drag) maps proportionally
          if (Math.abs(real - expectedRealRef.current) > 1) virtualRef.current = real * ratioRef.current;
          expectedRealRef.current = real;
          report(real, ratioRef.current === 1 ? real : virtualRef.current, isScrolling);
        });
      },
      scrollToFn: (
        offset: number,
        opts: { adjustments?: number; behavior?: ScrollBehavior },
        instance: Virtualizer<HTMLDivElement, Element>,
      ) => {
        const virtual = offset + (opts.adjustments ?? 0);
        if (ratioRef.current === 1) return elementScroll(offset, opts, instance);
        virtualRef.current = virtual;
        expectedRealRef.current = Math.round(virtual / ratioRef.current);
        instance.scrollElement?.scrollTo({ top: expectedRealRef.current, behavior: opts.behavior });
        report(expectedRealRef.current, virtual, false);
      },
    }),
    [report],
  );

  /** Moves to a virtual offset (clamped), setting the real scrollTop that stands for it. */
  const moveTo = useCallback(
    (el: HTMLDivElement, virtual: number, isScrolling: boolean) => {
      const max = Math.max(0, (el.scrollHeight - el.clientHeight) * ratioRef.current);
      virtualRef.current = Math.max(0, Math.min(max, virtual));
      expectedRealRef.current = Math.round(virtualRef.current / ratioRef.current);
      el.scrollTop = expectedRealRef.current;
      report(el.scrollTop, ratioRef.current === 1 ? el.scrollTop : virtualRef.current, isScrolling);
    },
    [report],
  );

  // wheel in virtual pixels while scaled (needs a non-passive listener to take over the default scroll)
  const scaled = ratio > 1;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !scaled) return;
    const onWheel = (event: WheelEvent) => {
      if (event.ctrlKey || Math.abs(event.deltaY) < Math.abs(event.deltaX)) return;
      event.preventDefault();
      const unit = event.deltaMode === 1 ? 26 : event.deltaMode === 2 ? el.clientHeight : 1;
      const base =
        Math.abs(el.scrollTop - expectedRealRef.current) > 1 ? el.scrollTop * ratioRef.current : virtualRef.current;
      moveTo(el, base + event.deltaY * unit, true);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [scaled, scrollRef, moveTo]);

  /**
   * Scrolls so the virtual band [start, end) is visible below a sticky band of `top` px (align 'auto' keeps
   * it where it is when already visible, 'center' puts it mid-view). The virtualizer's own scrollToIndex clamps
   * to the real DOM height, which is wrong while scaled.
   */
  const scrollIntoView = (start: number, end: number, top: number, align: 'auto' | 'end' | 'center' = 'auto') => {
    const el = scrollRef.current;
    if (!el) return;
    const current =
      ratioRef.current === 1 || Math.abs(el.scrollTop - expectedRealRef.current) > 1
        ? el.scrollTop * ratioRef.current
        : virtualRef.current;
    let next = current;
    if (align === 'center') next = start - top - (el.clientHeight - top - (end - start)) / 2;
    else if (align === 'end' || end > current + el.clientHeight) next = end - el.clientHeight;
    else if (start < current + top) next = start - top;
    if (next === current) return;
    moveTo(el, next, false);
  };

  /** Where the rows layer sits: at the real scroll offset, so rows are placed relative to the viewport. */
  const layerTop = (): number => shownRef.current.real;
  /** A row's top inside the rows layer, from its virtual start. */
  const rowTop = (virtualStart: number): number => virtualStart - shownRef.current.virtual;

  return { realHeight, options, layerTop, rowTop, scrollIntoView };
}
