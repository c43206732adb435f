import type { KeyboardEvent } from 'react';
import { UiIcon } from './UiIcon';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** ArrowDown leaves the box for the first row. */
  onArrowDown?: () => void;
}

export function SearchBox({ value, onChange, onArrowDown }: Props) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && onArrowDown) {
      event.preventDefault();
      onArrowDown();
    }
  };
  return (
    <div className="search" role="search">
      <UiIcon name="search" />
      <input
        type="search"
        className="search-input"
        aria-label="Search incidents"
        placeholder="Search title, ID, IOC or host"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        spellCheck={false}
        autoComplete="off"
      />
    </div>
  );
}
