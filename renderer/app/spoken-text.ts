// What audio mode says for an element, built from the same semantics a screen reader uses: the
// accessible name (aria-label, aria-labelledby, <label for>, text), a toggle's state, a field's
// value and its described-by hints. A new screen is said as its heading followed by the screen's
// own text, a dialog as its title and description. docs/speech-output.md.

/** Translated words audio mode adds to what the screen shows. */
export interface SpokenWords {
  readonly on: string;
  readonly off: string;
  readonly empty: string;
}

const clean = (text: string | null | undefined): string => (text ?? '').replace(/\s+/gu, ' ').trim();

/** Parts said one after another, each ending as a sentence (a pause), without doubling a full stop. */
export function sentences(parts: readonly string[]): string {
  return parts
    .map(clean)
    .filter(Boolean)
    .map((p) => (/[.!?:…]$/u.test(p) ? p : `${p}.`))
    .join(' ');
}

/** Text of an element without what is hidden from assistive technology. */
export function visibleText(el: Element): string {
  if (el.closest('[aria-hidden="true"], [hidden]')) return '';
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    else if (node instanceof Element && node.getAttribute('aria-hidden') !== 'true' && !node.hasAttribute('hidden'))
      node.childNodes.forEach(walk);
  };
  el.childNodes.forEach(walk);
  return clean(parts.join(' '));
}

const byIds = (doc: Document, ids: string | null): string =>
  clean(
    (ids ?? '')
      .split(/\s+/u)
      .filter(Boolean)
      .map((id) => {
        const target = doc.getElementById(id);
        return target ? visibleText(target) : '';
      })
      .join(' '),
  );

/** The accessible name, as far as the kiosk's own markup needs it. */
function accessibleName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return clean(label);
  const labelledBy = byIds(el.ownerDocument, el.getAttribute('aria-labelledby'));
  if (labelledBy) return labelledBy;
  if (el.id) {
    const forLabel = el.ownerDocument.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    if (forLabel) return visibleText(forLabel);
  }
  return visibleText(el);
}

/** What is said when focus reaches `el`. */
export function spokenForFocus(el: Element, words: SpokenWords): string {
  const parts = [accessibleName(el)];
  const pressed = el.getAttribute('aria-pressed');
  if (pressed === 'true') parts.push(words.on);
  if (pressed === 'false') parts.push(words.off);
  if (el instanceof HTMLInputElement) {
    // Said so a blind citizen can check what was typed; audio mode is meant for headphones.
    parts.push(clean(el.value) || words.empty);
    parts.push(byIds(el.ownerDocument, el.getAttribute('aria-describedby')));
  }
  return sentences(parts);
}

/** Blocks of a screen that carry its message (not keys, buttons or fields, which are said on focus). */
const SCREEN_TEXT = 'h2, h3, p, dt, dd, li, [role="status"], [role="alert"]';

/** A new screen: its heading, then its own text in reading order (`withHeading: false`: the text only). */
export function spokenForScreen(heading: Element, withHeading = true): string {
  const screen = heading.closest('section, main') ?? heading.parentElement;
  const texts = withHeading ? [visibleText(heading)] : [];
  screen?.querySelectorAll(SCREEN_TEXT).forEach((block) => {
    if (block.closest('button, label, [data-speech="skip"]')) return;
    // A block inside another block is said with it.
    if (block.parentElement?.closest(SCREEN_TEXT) && screen.contains(block.parentElement.closest(SCREEN_TEXT))) return;
    texts.push(visibleText(block));
  });
  return sentences(texts);
}

/** A dialog that has just received focus: its title and description. */
export function spokenForDialog(dialog: Element): string {
  const doc = dialog.ownerDocument;
  return sentences([
    byIds(doc, dialog.getAttribute('aria-labelledby')),
    byIds(doc, dialog.getAttribute('aria-describedby')),
  ]);
}

/** The live region (alert, status or aria-live) a changed node belongs to. */
export function liveRegionOf(node: Node): Element | null {
  const el = node instanceof Element ? node : node.parentElement;
  const region = el?.closest('[role="alert"], [role="status"], [aria-live]') ?? null;
  return region && region.getAttribute('aria-live') !== 'off' ? region : null;
}

/** The language to speak `el` in: its own lang (language buttons), else the page's. */
export function speechLangOf(el: Element | null, fallback: string): string {
  return el?.closest('[lang]')?.getAttribute('lang') || fallback;
}
