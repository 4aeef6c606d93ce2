// The renderer's JavaScript heap (docs/reliability.md: after the idle timeout the renderer's memory holds
// none of the inputs): forces garbage collection, takes a V8 heap snapshot over the Chrome
// DevTools Protocol, and searches its string table — strings are what a name or a date of birth
// would survive as. When something is found, `retainerPaths` says who keeps it alive (e.g.
// "React fiber memoizedProps ← <main>" or "RegExpMatchInfo ← NativeContext"), so a failure
// points at the cause instead of just saying "found".
import type { Page } from 'playwright-core';

export interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export async function takeHeapSnapshot(page: Page): Promise<HeapSnapshot> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    // Several rounds: freeing one generation (detached DOM, React fibers) can release the next.
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
    return JSON.parse(chunks.join('')) as HeapSnapshot;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Which of `needles` occur inside any heap string (case-sensitive), with who retains them. */
export function foundIn(snapshot: HeapSnapshot, needles: readonly string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const n of needles)
    if (snapshot.strings.some((s) => s.includes(n))) found[n] = retainerPaths(snapshot, n, 2, 24);
  return found;
}

/** Up to `maxPaths` retaining paths from a string containing `needle` to a GC root. */
export function retainerPaths(s: HeapSnapshot, needle: string, maxPaths = 3, maxDepth = 14): string[] {
  const nf = s.snapshot.meta.node_fields.length;
  const ef = s.snapshot.meta.edge_fields.length;
  const nodeTypes = s.snapshot.meta.node_types[0];
  const edgeTypes = s.snapshot.meta.edge_types[0];
  const nodeCount = s.nodes.length / nf;
  const firstEdge = new Int32Array(nodeCount + 1);
  for (let i = 0, e = 0; i < nodeCount; i++) {
    firstEdge[i] = e;
    e += s.nodes[i * nf + 4]! * ef;
    firstEdge[i + 1] = e;
  }
  const retainers: number[][] = Array.from({ length: nodeCount }, () => []);
  const edgeLabel = new Map<string, string>();
  for (let i = 0; i < nodeCount; i++) {
    for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e += ef) {
      const to = s.edges[e + 2]! / nf;
      retainers[to]!.push(i);
      const type = edgeTypes[s.edges[e]!];
      const name = type === 'element' || type === 'hidden' ? `[${s.edges[e + 1]}]` : s.strings[s.edges[e + 1]!];
      edgeLabel.set(`${i}>${to}`, `${type}:${name}`);
    }
  }
  const describe = (n: number) =>
    `${nodeTypes[s.nodes[n * nf]!]}:${(s.strings[s.nodes[n * nf + 1]!] ?? '').slice(0, 50)}`;
  const targets = [];
  for (let i = 0; i < nodeCount; i++)
    if (nodeTypes[s.nodes[i * nf]!] === 'string' && (s.strings[s.nodes[i * nf + 1]!] ?? '').includes(needle))
      targets.push(i);
  const paths: string[] = [];
  for (const t of targets) {
    const seen = new Set([t]);
    const queue: [number, string][] = [[t, describe(t)]];
    while (queue.length && paths.length < maxPaths) {
      const [n, path] = queue.shift()!;
      if (path.split(' <- ').length > maxDepth) continue;
      for (const r of retainers[n]!) {
        if (seen.has(r)) continue;
        seen.add(r);
        const p = `${path} <- ${edgeLabel.get(`${r}>${n}`)} ${describe(r)}`;
        if (describe(r).includes('(GC roots)') || describe(r).startsWith('synthetic')) paths.push(p);
        else queue.push([r, p]);
      }
    }
  }
  return paths;
}
