// The renderer's JavaScript heap as strings (issue 8, "after the idle timeout the renderer's
// memory holds none of the inputs"): forces garbage collection, takes a V8 heap snapshot over the
// Chrome DevTools Protocol, and returns every string in it. Strings are what a name or a date of
// birth would survive as; the snapshot's string table holds each distinct one once.
import type { Page } from 'playwright-core';

export async function heapStrings(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    // Several rounds: freeing one generation (detached DOM, React fibers) can release the next.
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
    const snapshot = JSON.parse(chunks.join('')) as { strings: string[] };
    return snapshot.strings;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Which of `needles` occur inside any heap string (case-sensitive), with an example holder. */
export function foundIn(strings: readonly string[], needles: readonly string[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const n of needles) {
    const holder = strings.find((s) => s.includes(n));
    if (holder !== undefined) found[n] = holder.length > 120 ? `${holder.slice(0, 120)}…` : holder;
  }
  return found;
}
