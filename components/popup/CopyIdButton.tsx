import { useEffect, useState } from 'react';
import { usePopupActions } from './popup-actions';
import { UiIcon } from './UiIcon';

/** How long "Copied" stays visible: long enough to read, short enough not to linger. */
const CONFIRM_MS = 1500;

/** Copies a readable ID and says so next to the button (and to screen readers). */
export function CopyIdButton(props: { readableId: string }) {
  const { copyText } = usePopupActions();
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (result === 'idle') return;
    const timer = setTimeout(() => setResult('idle'), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [result]);

  const copy = () => {
    copyText(props.readableId).then(
      () => setResult('copied'),
      () => setResult('failed'),
    );
  };

  return (
    <span className="copy">
      <button
        type="button"
        className="icon-button"
        aria-label={`Copy ID ${props.readableId}`}
        title={`Copy ID ${props.readableId}`}
        onClick={copy}
      >
        <UiIcon name={result === 'copied' ? 'check' : 'copy'} />
      </button>
      <span className={`copy-note copy-note--${result}`} role="status">
        {result === 'copied' ? 'Copied' : result === 'failed' ? 'Copy failed' : ''}
      </span>
    </span>
  );
}
