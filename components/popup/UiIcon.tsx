import type { ReactNode } from 'react';
import { LineGlyph } from './LineGlyph';

export type UiIconName = 'copy' | 'check' | 'settings' | 'plus' | 'search';

const PATHS: Record<UiIconName, ReactNode> = {
  copy: (
    <>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.2" />
      <path d="M10.5 5.5V3.7a1.2 1.2 0 0 0-1.2-1.2H3.7a1.2 1.2 0 0 0-1.2 1.2v5.6a1.2 1.2 0 0 0 1.2 1.2h1.8" />
    </>
  ),
  check: <path d="M3 8.5l3 3 7-7" />,
  // Sliders: reads as "settings" at 16 px, where a cog turns into a sun.
  settings: (
    <>
      <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />
      <circle cx="10.5" cy="4" r="1.6" fill="currentColor" />
      <circle cx="5.5" cy="8" r="1.6" fill="currentColor" />
      <circle cx="9" cy="12" r="1.6" fill="currentColor" />
    </>
  ),
  plus: <path d="M8 3v10M3 8h10" />,
  search: (
    <>
      <circle cx="7" cy="7" r="4.2" />
      <path d="M10.2 10.2L14 14" />
    </>
  ),
};

/** Decorative glyph for buttons; the button itself carries the accessible name. */
export function UiIcon(props: { name: UiIconName }) {
  return (
    <LineGlyph className="ui-icon" strokeWidth={1.5}>
      {PATHS[props.name]}
    </LineGlyph>
  );
}
