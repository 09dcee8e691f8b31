import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface SplitterProps {
  /** `vertical` is a vertical bar that resizes widths; `horizontal` a horizontal bar that resizes heights. */
  orientation: 'vertical' | 'horizontal';
  /** Current size in px of the pane this splitter resizes. */
  size: number;
  min: number;
  max: number;
  onResize(size: number): void;
  /** True when the resized pane is after the splitter (dragging towards it shrinks it). */
  reverse?: boolean;
  /** Size restored by a double-click. */
  defaultSize?: number;
  label: string;
  className?: string;
  'data-testid'?: string;
}

const STEP = 16;
const BIG_STEP = 64;

/** A pane divider: drag with the pointer, or focus it and use the arrow keys (Shift = bigger steps), Home, End. */
export function Splitter(props: SplitterProps) {
  const { orientation, size, min, max, onResize, reverse = false, defaultSize, label, className } = props;
  const drag = useRef<{ start: number; startSize: number } | null>(null);
  const clamp = (value: number) => Math.min(max, Math.max(min, value));
  const sign = reverse ? -1 : 1;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { start: orientation === 'vertical' ? event.clientX : event.clientY, startSize: size };
    document.body.classList.add(orientation === 'vertical' ? 'is-resizing-col' : 'is-resizing-row');
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const position = orientation === 'vertical' ? event.clientX : event.clientY;
    onResize(clamp(drag.current.startSize + sign * (position - drag.current.start)));
  };
  const endDrag = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId);
    document.body.classList.remove('is-resizing-col', 'is-resizing-row');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const [less, more] = orientation === 'vertical' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
    let next: number | null = null;
    if (event.key === less) next = size - sign * step;
    else if (event.key === more) next = size + sign * step;
    else if (event.key === 'Home') next = min;
    else if (event.key === 'End') next = max;
    else if (event.key === 'Enter' && defaultSize !== undefined) next = defaultSize;
    if (next === null) return;
    event.preventDefault();
    onResize(clamp(next));
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(size)}
      aria-valuemin={min}
      aria-valuemax={max}
      className={`splitter splitter-${orientation}${className ? ` ${className}` : ''}`}
      data-testid={props['data-testid']}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={() => defaultSize !== undefined && onResize(clamp(defaultSize))}
      onKeyDown={onKeyDown}
    />
  );
}
