import { useLayoutEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import {
  describeLookup,
  lookupVariable,
  splitTemplate,
  type ResolvedVariable,
  type VariableLookup,
} from '../../../stores/http-variables';

export interface VariableHighlightProps {
  /** The input's text (the child input's value). */
  text: string;
  /** What the request sees (`http.variables`); null while not read. */
  variables: readonly ResolvedVariable[] | null;
  /** The pointer came over the field: a chance to read the variables again (a file may have changed). */
  onRefresh(): void;
  /** The one-line `<input>` the highlight lies over; its own props (onChange, onPaste…) stay its own. */
  children: ReactNode;
}

const kindOf = (lookup: VariableLookup | null) => lookup?.kind ?? 'pending';

/**
 * `{{variables}}` coloured over a plain one-line input, each resolved on hover (value and scope, or a warning
 * when no scope defines it). The input stays a real `<input>` (typing, selection, paste, undo are the browser's):
 * while the text holds a variable its glyphs turn transparent and a layer with the same font draws the text,
 * following the input's horizontal scroll. Only the variables take the pointer; a press on one puts the caret
 * after it.
 */
export function VariableHighlight({ text, variables, onRefresh, children }: VariableHighlightProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<HTMLSpanElement>(null);
  const [hover, setHover] = useState<{ name: string; left: number } | null>(null);
  const pieces = splitTemplate(text);
  const highlighted = pieces.some((p) => p.variable !== null);
  const input = () => wrapRef.current?.querySelector('input') ?? null;

  // the layer follows the input's scroll (typing past the end, Home/End, a drag selection)
  useLayoutEffect(() => {
    const field = wrapRef.current?.querySelector('input');
    if (!field || !highlighted) return;
    const follow = () => {
      if (layerRef.current) layerRef.current.style.transform = `translateX(${-field.scrollLeft}px)`;
    };
    follow();
    const events = ['scroll', 'input', 'keyup', 'mouseup', 'focus', 'blur', 'select'] as const;
    events.forEach((e) => field.addEventListener(e, follow));
    return () => events.forEach((e) => field.removeEventListener(e, follow));
  }, [text, highlighted]);

  const show = (name: string) => (e: MouseEvent<HTMLSpanElement>) => {
    const wrap = wrapRef.current!.getBoundingClientRect();
    setHover({ name, left: Math.max(0, e.currentTarget.getBoundingClientRect().left - wrap.left) });
  };
  // the variables take the pointer (for hover), so a press on one places the caret as a press on the text would
  const caretAfter = (end: number) => (e: MouseEvent) => {
    e.preventDefault();
    const field = input();
    field?.focus();
    field?.setSelectionRange(end, end);
  };

  // where each piece ends in the text (the caret's place after a variable)
  const ends: number[] = [];
  for (const piece of pieces) ends.push((ends.at(-1) ?? 0) + piece.text.length);
  const hovered = hover ? lookupVariable(hover.name, variables) : null;
  return (
    <div
      ref={wrapRef}
      className="http-var-field"
      data-highlighted={highlighted || undefined}
      onMouseEnter={() => highlighted && onRefresh()}
    >
      {children}
      {highlighted && (
        <span className="http-var-layer" aria-hidden="true">
          <span ref={layerRef} className="http-var-layer-text">
            {pieces.map((piece, i) => {
              if (piece.variable === null) return <span key={i}>{piece.text}</span>;
              const kind = kindOf(lookupVariable(piece.variable, variables));
              return (
                <span
                  key={i}
                  className={`http-var http-var-${kind}`}
                  data-testid="http-url-variable"
                  data-variable={piece.variable}
                  data-kind={kind}
                  onMouseEnter={show(piece.variable)}
                  onMouseLeave={() => setHover(null)}
                  onMouseDown={caretAfter(ends[i]!)}
                >
                  {piece.text}
                </span>
              );
            })}
          </span>
        </span>
      )}
      {highlighted && hover && (
        <div
          className={`http-var-tip http-var-tip-${kindOf(hovered)}`}
          role="tooltip"
          data-testid="http-url-variable-tip"
          style={{ left: hover.left }}
        >
          {describeLookup(hover.name, hovered)}
        </div>
      )}
    </div>
  );
}
