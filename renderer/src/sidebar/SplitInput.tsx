import { useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  parts: readonly string[];
  onParts: (parts: string[]) => void;
};

export function splitParts(text: string): string[] {
  return text.split(/[\s/、，,]+/u).filter(Boolean);
}

/**
 * A text field for a list of words ("李璞 王敏", "广东省 广州市 白云区"). It keeps
 * what the person typed, spaces included, and reports the words on each change;
 * when the words change from outside (a row removed above), it shows those.
 */
export function SplitInput({ parts, onParts, ...rest }: Props) {
  const [text, setText] = useState(() => parts.join(' '));
  const joined = parts.join(' ');
  const shown = splitParts(text).join(' ') === joined ? text : joined;
  return (
    <input
      {...rest}
      value={shown}
      onChange={(e) => {
        setText(e.target.value);
        onParts(splitParts(e.target.value));
      }}
    />
  );
}
