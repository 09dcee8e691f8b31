import { memo, type ReactNode } from 'react';
import type { BodyMatch } from '../../../stores/http-body-view';

interface BodyLineProps {
  line: number;
  top: number;
  gutterWidth: number;
  /** undefined while its block is being fetched. */
  text: string | undefined;
  truncated: boolean;
  /** Matches on this line, with their index among all matches. */
  matches: { index: number; match: BodyMatch }[];
  current: number;
  target: boolean;
}

/** One line of a big body, as text (never markup), its matches marked. */
export const BodyLine = memo(function BodyLine({
  line,
  top,
  gutterWidth,
  text,
  truncated,
  matches,
  current,
  target,
}: BodyLineProps) {
  const parts: ReactNode[] = [];
  if (text !== undefined) {
    let at = 0;
    for (const { index, match } of matches) {
      if (match.column < at || match.column >= text.length) continue;
      if (match.column > at) parts.push(text.slice(at, match.column));
      const end = Math.min(text.length, match.column + match.length);
      parts.push(
        <mark
          key={index}
          className="bv-match"
          data-testid="body-match"
          data-current={index === current ? true : undefined}
        >
          {text.slice(match.column, end)}
        </mark>,
      );
      at = end;
    }
    parts.push(text.slice(at));
  }
  return (
    <div
      className={`bv-line${target ? ' bv-line-target' : ''}`}
      style={{ top }}
      data-testid="body-line"
      data-line={line + 1}
      aria-busy={text === undefined ? true : undefined}
    >
      <span className="bv-gutter" style={{ width: gutterWidth }}>
        {line + 1}
      </span>
      <span className="bv-text">
        {parts}
        {truncated && (
          <span className="bv-cut" title="The line goes on; only its first 10,000 bytes are shown">
            …
          </span>
        )}
      </span>
    </div>
  );
});
