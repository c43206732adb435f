// HTML building with escaping by default: every interpolated value is escaped unless it is
// already SafeHtml (built by this same tag). Pages show hostile seed data and XSS payloads, so
// "forgot to escape" must be impossible rather than merely unlikely.
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue =
  string | number | boolean | null | undefined | SafeHtml | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v: HtmlValue) => render(v)).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Path segment for an href built from data (IDs, types). */
export const seg = (s: string): string => encodeURIComponent(s);

export function page(title: string, body: SafeHtml, extraHead: SafeHtml = html``): string {
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            margin: 0;
            color: #1b1f24;
            background: #f6f7f9;
          }
          header {
            background: #13294b;
            color: #fff;
            padding: 10px 20px;
          }
          header a {
            color: #fff;
          }
          main {
            max-width: 1100px;
            margin: 20px auto;
            padding: 0 20px;
          }
          table {
            border-collapse: collapse;
            width: 100%;
            background: #fff;
          }
          th,
          td {
            border: 1px solid #d0d5dd;
            padding: 6px 8px;
            text-align: left;
            font-size: 14px;
          }
          dl {
            display: grid;
            grid-template-columns: max-content 1fr;
            gap: 4px 16px;
          }
          dt {
            font-weight: 600;
          }
          pre,
          code {
            background: #eef1f5;
            padding: 2px 4px;
            overflow-x: auto;
          }
          pre {
            white-space: pre-wrap;
            overflow-wrap: anywhere;
          }
        </style>
        ${extraHead}
      </head>
      <body>
        ${body}
      </body>
    </html> `.value;
}
