/** A padlock, drawn (an emoji needs a font the machine may lack). Decorative: text says it. */
export function LockGlyph() {
  return (
    <svg
      className="lock-glyph"
      width="14"
      height="14"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
    >
      <rect x="3" y="7" width="10" height="7" rx="1.4" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </svg>
  );
}
