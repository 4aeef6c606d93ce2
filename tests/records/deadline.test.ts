import { describe, expect, it } from 'vitest';
import { createDeadline } from '../../core/records/deadline';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createDeadline', () => {
  it('aborts after the time even when only the timer holds it (survives garbage collection)', async () => {
    let aborted = false;
    // Keep no reference to the deadline itself: only the listener's closure and the timer.
    createDeadline(50).signal.addEventListener('abort', () => (aborted = true));
    (globalThis as { gc?: () => void }).gc?.();
    await tick(150);
    expect(aborted).toBe(true);
  });

  it('follows a parent that aborts first, and an already aborted parent', async () => {
    const parent = new AbortController();
    const d = createDeadline(10_000, parent.signal);
    expect(d.signal.aborted).toBe(false);
    parent.abort();
    expect(d.signal.aborted).toBe(true);
    d.dispose();
    expect(createDeadline(10_000, parent.signal).signal.aborted).toBe(true);
  });

  it('dispose stops the timer and detaches from the parent', async () => {
    const parent = new AbortController();
    const d = createDeadline(30, parent.signal);
    d.dispose();
    parent.abort();
    await tick(80);
    expect(d.signal.aborted).toBe(false);
  });
});
