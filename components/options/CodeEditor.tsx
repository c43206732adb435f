import { useRef } from 'react';

/**
 * A plain textarea with a line-number gutter, for the JSON template. The gutter is decorative
 * (aria-hidden): the error message names the line in words. Tab keeps its usual meaning
 * (next field), so keyboard users are never trapped in the editor.
 */
export function CodeEditor(props: {
  id: string;
  value: string;
  errorLine?: number | undefined;
  describedBy?: string | undefined;
  invalid: boolean;
  disabled: boolean;
  rows?: number;
  onChange: (value: string) => void;
}) {
  const gutter = useRef<HTMLDivElement>(null);
  const lineCount = props.value.split('\n').length;
  return (
    <div className={`code-editor${props.invalid ? ' invalid' : ''}`}>
      <div className="gutter" aria-hidden="true" ref={gutter}>
        {Array.from({ length: lineCount }, (_, i) => (
          <div
            key={i}
            className={i + 1 === props.errorLine ? 'gutter-line error-line' : 'gutter-line'}
          >
            {i + 1}
          </div>
        ))}
      </div>
      <textarea
        id={props.id}
        value={props.value}
        rows={props.rows ?? 12}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        disabled={props.disabled}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
      />
    </div>
  );
}
