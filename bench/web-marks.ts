// In-page timing marks for the web benchmarks (docs/performance.md), installed as an init script before the
// renderer loads, so no Playwright round trip is inside a figure. Times are performance.now()
// (ms since navigation start).
//   welcome  when Chromium painted the welcome screen's heading: its Element Timing entry
//            (`elementtiming` on every screen heading, renderer/components/ScreenHeading.tsx), and
//            never before the first contentful paint (text waiting for its web font is laid out but
//            not yet visible, and such a frame is no first screen);
//   confirm  the click on "next" while the summary screen shows (the citizen confirms);
//   result   the result screen's QR (an inline SVG) is in the DOM (the answer has arrived and rendered);
//   qr       the requestAnimationFrame callback of the frame *after* the one that paints the QR (a
//            callback of that frame itself runs before its style, layout and paint, so it would
//            count the QR as shown before it is; at most one frame interval late, ~17 ms);
//   issue    the resource timing of the last POST /api/issue when the result showed: fetch start,
//            response end and the server's own time (its Server-Timing header, server/web-server.ts),
//            which split confirm → QR into click → request, HTTP + back end, React commit, paint.
// Plain JavaScript source (the bench's tsconfig has no DOM types); read back as window.__benchMarks.
export const WEB_MARKS_SCRIPT = `(() => {
  const marks = { welcome: null, confirm: null, result: null, qr: null, issue: null };
  window.__benchMarks = marks;
  const atNextFrame = (key) => requestAnimationFrame(() => requestAnimationFrame(() => { if (marks[key] === null) marks[key] = performance.now(); }));
  let headingPaint = null;
  let firstContentfulPaint = null;
  const settleWelcome = () => {
    if (marks.welcome === null && headingPaint !== null && firstContentfulPaint !== null)
      marks.welcome = Math.max(headingPaint, firstContentfulPaint);
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (headingPaint === null && e.identifier === 'screen-heading' && e.element && e.element.closest('[data-screen="welcome"]'))
        headingPaint = e.renderTime || e.loadTime;
    }
    settleWelcome();
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') firstContentfulPaint = e.startTime;
    settleWelcome();
  }).observe({ type: 'paint', buffered: true });
  let qrSeen = null;
  const check = () => {
    const qr = document.querySelector('[data-screen="result"] [data-testid="certificate-qr"]');
    if (qr && qr !== qrSeen && marks.confirm !== null) {
      qrSeen = qr;
      marks.result = performance.now();
      const calls = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/issue'));
      const last = calls[calls.length - 1];
      const server = last && last.serverTiming ? last.serverTiming.find((t) => t.name === 'api') : undefined;
      marks.issue = last ? { start: last.startTime, responseEnd: last.responseEnd, server: server ? server.duration : null } : null;
      atNextFrame('qr');
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
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
