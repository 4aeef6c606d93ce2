// Debug aid for the renderer-memory test (issue 8): who keeps a string alive in a V8 heap
// snapshot. Walks retainers from the string's node towards the roots and prints a few paths, so
// a leak report says "React fiber memoizedProps → …" instead of just "found".
import type { Page } from 'playwright-core';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export async function takeSnapshot(page: Page): Promise<Snapshot> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return JSON.parse(chunks.join('')) as Snapshot;
}

export function retainerPaths(s: Snapshot, needle: string, maxPaths = 3, maxDepth = 14): string[] {
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
  const describe = (n: number) => `${nodeTypes[s.nodes[n * nf]!]}:${(s.strings[s.nodes[n * nf + 1]!] ?? '').slice(0, 50)}`;
  const targets = [];
  for (let i = 0; i < nodeCount; i++) if (nodeTypes[s.nodes[i * nf]!] === 'string' && (s.strings[s.nodes[i * nf + 1]!] ?? '').includes(needle)) targets.push(i);
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

/** The string's direct retainers, two levels up (for strings no root path was found for). */
export function nearRetainers(s: Snapshot, needle: string): string[] {
  const nf = s.snapshot.meta.node_fields.length;
  const ef = s.snapshot.meta.edge_fields.length;
  const nodeTypes = s.snapshot.meta.node_types[0];
  const edgeTypes = s.snapshot.meta.edge_types[0];
  const nodeCount = s.nodes.length / nf;
  const out: string[] = [];
  const d = (n: number) => `${nodeTypes[s.nodes[n * nf]!]}:${(s.strings[s.nodes[n * nf + 1]!] ?? '').slice(0, 60)}#${s.nodes[n * nf + 2]}`;
  const rev = new Map<number, [number, string][]>();
  for (let i = 0, e = 0; i < nodeCount; i++) {
    const count = s.nodes[i * nf + 4]!;
    for (let k = 0; k < count; k++, e += ef) {
      const to = s.edges[e + 2]! / nf;
      const type = edgeTypes[s.edges[e]!]!;
      const name = type === 'element' || type === 'hidden' ? `[${s.edges[e + 1]}]` : s.strings[s.edges[e + 1]!];
      if (!rev.has(to)) rev.set(to, []);
      rev.get(to)!.push([i, `${type}:${name}`]);
    }
  }
  for (let i = 0; i < nodeCount; i++) {
    if ((s.strings[s.nodes[i * nf + 1]!] ?? '').includes(needle)) {
      out.push(`NODE ${d(i)}`);
      for (const [r, l] of rev.get(i) ?? []) {
        out.push(`  <- ${l} ${d(r)}`);
        for (const [r2, l2] of (rev.get(r) ?? []).slice(0, 5)) out.push(`      <- ${l2} ${d(r2)}`);
      }
    }
  }
  return out;
}

/** Where a string of the string table is referenced: as a node name or as an edge (property) name. */
export function stringUses(s: Snapshot, needle: string): string[] {
  const nf = s.snapshot.meta.node_fields.length;
  const ef = s.snapshot.meta.edge_fields.length;
  const nodeTypes = s.snapshot.meta.node_types[0];
  const edgeTypes = s.snapshot.meta.edge_types[0];
  const idx = new Set(s.strings.map((x, i) => (x.includes(needle) ? i : -1)).filter((i) => i >= 0));
  const out = [...idx].map((i) => `STRING[${i}] ${JSON.stringify(s.strings[i]).slice(0, 200)}`);
  const nodeCount = s.nodes.length / nf;
  for (let i = 0, e = 0; i < nodeCount; i++) {
    if (idx.has(s.nodes[i * nf + 1]!)) out.push(`node name: ${nodeTypes[s.nodes[i * nf]!]} #${s.nodes[i * nf + 2]}`);
    const count = s.nodes[i * nf + 4]!;
    for (let k = 0; k < count; k++, e += ef) {
      const type = edgeTypes[s.edges[e]!]!;
      if (type !== 'element' && type !== 'hidden' && idx.has(s.edges[e + 1]!)) {
        out.push(`edge name: ${type} from ${nodeTypes[s.nodes[i * nf]!]}:${(s.strings[s.nodes[i * nf + 1]!] ?? '').slice(0, 60)}`);
      }
    }
  }
  return out;
}
