import type { ReactNode } from 'react';
import { LineGlyph } from './LineGlyph';
import type { SourceIconName } from '../../utils/popup/source-view';

/** 16 px line glyphs in currentColor, so they follow the theme. Decorative: the row says the kind in words. */
const PATHS: Record<SourceIconName, ReactNode> = {
  selection: (
    <>
      <path d="M3 4h10M3 8h6M3 12h8" />
      <rect x="8.5" y="6" width="5" height="4" rx="0.5" />
    </>
  ),
  link: (
    <>
      <path d="M6.5 9.5l3-3" />
      <path d="M7 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1" />
      <path d="M9 11.5l-1 1a2.5 2.5 0 0 1-3.5-3.5l1-1" />
    </>
  ),
  page: (
    <>
      <path d="M4 2h5l3 3v9H4z" />
      <path d="M9 2v3h3M6 8h4M6 11h4" />
    </>
  ),
  object: (
    <>
      <path d="M8 2l5 3v6l-5 3-5-3V5z" />
      <path d="M3 5l5 3 5-3M8 8v6" />
    </>
  ),
  objects: (
    <>
      <rect x="2" y="5" width="8" height="8" rx="1" />
      <path d="M5 5V3h8v8h-3" />
    </>
  ),
  bulletin: (
    <>
      <path d="M3 6v4h2l5 3V3L5 6z" />
      <path d="M12 6.5a2 2 0 0 1 0 3" />
    </>
  ),
  investigation: (
    <>
      <circle cx="4" cy="4" r="1.8" />
      <circle cx="12" cy="6" r="1.8" />
      <circle cx="6" cy="12" r="1.8" />
      <path d="M5.7 4.4l4.5 1.2M4.6 5.7l1 4.5M10.6 7.2l-3.2 3.6" />
    </>
  ),
};

export function SourceIcon(props: { name: SourceIconName }) {
  return (
    <LineGlyph className="source-icon" strokeWidth={1.4}>
      {PATHS[props.name]}
    </LineGlyph>
  );
}
