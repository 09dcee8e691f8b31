import { useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'onBlur'> & {
  value: string;
  /** The typed text, once: on Enter or when the field loses focus (each commit is one undoable edit). */
  onCommit(value: string): void;
};

/** A text field that edits the design when the typing is done, not on every key; Escape puts the value back. */
export function CommitInput({ value, onCommit, onKeyDown, ...rest }: Props) {
  const [text, setText] = useState(value);
  // the value changed elsewhere (undo, another field): show it
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const commit = () => {
    if (text !== value) onCommit(text);
  };
  return (
    <input
      {...rest}
      value={text}
      spellCheck={false}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          setText(value);
        }
        onKeyDown?.(e);
      }}
    />
  );
}
