import { elementScroll, observeElementOffset, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';

/**
 * Tallest scrollable canvas we let the browser lay out. Past a few million pixels Chromium's compositor
 * (float offsets) draws rows a pixel or two off and clips text, and past ~33M px layout stops altogether —
 * a 1M-row result at 26 px is 26M px. Taller results are mapped onto this height.
 */
export const MAX_REAL_HEIGHT = 1_500_000;

type OffsetCallback = (offset: number, isScrolling: boolean) => void;

/**
 * Vertical scrolling in "virtual" pixels for the row virtualizer: the canvas is at most MAX_REAL_HEIGHT tall
 * and the real scrollTop is scaled by `ratio`. Wheel input is applied in virtual pixels so a wheel notch still
 * moves a few rows, not hundreds; dragging the scrollbar maps proportionally. With small results ratio is 1
 * and nothing changes.
 */
export function useScaledScroll(virtualHeight: number, scrollRef: { current: HTMLDivElement | null }) {
  const realHeight = Math.min(virtualHeight, MAX_REAL_HEIGHT);
  const ratioRef = useRef(1);
  const virtualRef = useRef(0);
  const expectedRealRef = useRef(0);
  const cbRef = useRef<OffsetCallback | null>(null);
  const [viewport, setViewport] = useState(0);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [scrollRef]);
  const ratio = realHeight < virtualHeight ? (virtualHeight - viewport) / Math.max(1, realHeight - viewport) : 1;
  useEffect(() => {
    ratioRef.current = ratio;
  }, [ratio]);

  const options = useMemo(
    () => ({
      observeElementOffset: (instance: Virtualizer<HTMLDivElement, Element>, cb: OffsetCallback) => {
        cbRef.current = cb;
        return observeElementOffset(instance, (real, isScrolling) => {
          // a scroll we caused keeps its exact virtual offset; any other (scrollbar drag) maps proportionally
          if (Math.abs(real - expectedRealRef.current) > 1) virtualRef.current = real * ratioRef.current;
          expectedRealRef.current = real;
          cb(ratioRef.current === 1 ? real : virtualRef.current, isScrolling);
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
        cbRef.current?.(virtual, false);
      },
    }),
    [],
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
      const max = (el.scrollHeight - el.clientHeight) * ratioRef.current;
      const base =
        Math.abs(el.scrollTop - expectedRealRef.current) > 1 ? el.scrollTop * ratioRef.current : virtualRef.current;
      virtualRef.current = Math.max(0, Math.min(max, base + event.deltaY * unit));
      expectedRealRef.current = Math.round(virtualRef.current / ratioRef.current);
      el.scrollTop = expectedRealRef.current;
      cbRef.current?.(virtualRef.current, true);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [scaled, scrollRef]);

  /**
   * Scrolls so the virtual band [start, end) is visible below a sticky band of `top` px (align 'auto' keeps
   * it where it is when already visible). The virtualizer's own scrollToIndex clamps to the real DOM height,
   * which is wrong while scaled.
   */
  const scrollIntoView = (start: number, end: number, top: number, align: 'auto' | 'end' = 'auto') => {
    const el = scrollRef.current;
    if (!el) return;
    const current =
      ratioRef.current === 1 || Math.abs(el.scrollTop - expectedRealRef.current) > 1
        ? el.scrollTop * ratioRef.current
        : virtualRef.current;
    let next = current;
    if (align === 'end' || end > current + el.clientHeight) next = end - el.clientHeight;
    else if (start < current + top) next = start - top;
    if (next === current) return;
    const max = (el.scrollHeight - el.clientHeight) * ratioRef.current;
    virtualRef.current = Math.max(0, Math.min(max, next));
    expectedRealRef.current = Math.round(virtualRef.current / ratioRef.current);
    el.scrollTop = expectedRealRef.current;
    cbRef.current?.(virtualRef.current, false);
  };

  /** Where the rows container sits so a row at virtual `start` lands at its real place on screen. */
  const containerTop = (virtualOffset: number): number =>
    ratio === 1 ? 0 : Math.round(virtualOffset / ratio) - Math.round(virtualOffset);

  return { realHeight, options, containerTop, scrollIntoView };
}
