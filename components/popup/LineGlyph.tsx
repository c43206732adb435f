import type { ReactNode } from 'react';

/**
 * The frame of every 16 px line glyph: drawn in currentColor so it follows the theme, and
 * hidden from assistive technology (the row or button around it says what it means).
 */
export function LineGlyph(props: { className: string; strokeWidth: number; children: ReactNode }) {
  return (
    <svg
      className={props.className}
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={props.strokeWidth}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {props.children}
    </svg>
  );
}
