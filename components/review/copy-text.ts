/**
 * Copy to the clipboard. The async Clipboard API needs a secure context and focus; an in-page
 * dialog on a plain-http page has neither guaranteed, so fall back to a selected, off-screen
 * textarea in the dialog's own root and the legacy copy command.
 */
export async function copyText(text: string, root: Node | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const holder = root instanceof ShadowRoot || root instanceof Document ? root : document;
  const parent = holder instanceof Document ? holder.body : holder;
  if (!parent) return false;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.left = '-9999px';
  parent.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
