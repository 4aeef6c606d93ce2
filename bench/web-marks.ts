// In-page timing marks for the web benchmarks (docs/performance.md), installed as an init script before the
// renderer loads, so no Playwright round trip is inside a figure. Times are performance.now()
// (ms since navigation start), taken in the requestAnimationFrame callback of the frame *after*
// the one that paints the change: a callback of that frame itself runs before its style, layout
// and paint, which for the first screen take ~150 ms (the first contentful paint came that much
// after such a mark, 2026-12-02), so it would count a screen as painted that is not yet visible:
//   welcome  the welcome screen ([data-screen="welcome"]) is in the DOM;
//   confirm  the click on "next" while the summary screen shows (the citizen confirms);
//   result   the result screen's QR <img> is in the DOM (the answer has arrived and rendered);
//   qr       that image is decoded (img.decode()) — the QR can be seen;
//   issue    the resource timing of the last POST /api/issue when the result showed: fetch start,
//            response end and the server's own time (its Server-Timing header, server/web-server.ts),
//            which split confirm → QR into click → request, HTTP + back end, React commit, decode + paint.
// Plain JavaScript source (the bench's tsconfig has no DOM types); read back as window.__benchMarks.
export const WEB_MARKS_SCRIPT = `(() => {
  const marks = { welcome: null, confirm: null, result: null, qr: null, issue: null };
  window.__benchMarks = marks;
  const atNextFrame = (key) => requestAnimationFrame(() => requestAnimationFrame(() => { if (marks[key] === null) marks[key] = performance.now(); }));
  let welcomeSeen = false;
  let qrSeen = null;
  const check = () => {
    if (!welcomeSeen && document.querySelector('[data-screen="welcome"]')) {
      welcomeSeen = true;
      atNextFrame('welcome');
    }
    const img = document.querySelector('[data-screen="result"] img[data-testid="certificate-qr"]');
    if (img && img !== qrSeen && marks.confirm !== null) {
      qrSeen = img;
      marks.result = performance.now();
      const calls = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/issue'));
      const last = calls[calls.length - 1];
      const server = last && last.serverTiming ? last.serverTiming.find((t) => t.name === 'api') : undefined;
      marks.issue = last ? { start: last.startTime, responseEnd: last.responseEnd, server: server ? server.duration : null } : null;
      img.decode().then(() => atNextFrame('qr'), () => atNextFrame('qr'));
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (target instanceof Element && target.closest('[data-action="next"]') && document.querySelector('[data-screen="summary"]')) {
      marks.confirm = performance.now();
      marks.result = null;
      marks.qr = null;
      marks.issue = null;
    }
  }, true);
})();`;

export interface WebMarks {
  readonly welcome: number | null;
  readonly confirm: number | null;
  readonly result: number | null;
  readonly qr: number | null;
  readonly issue: { readonly start: number; readonly responseEnd: number; readonly server: number | null } | null;
}
