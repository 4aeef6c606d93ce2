// When the metrics endpoint starts, and when it refuses to (docs/monitoring.md): off without a
// `metrics` block; a token file that group or others can read stops it (the kiosk still runs);
// a non-loopback address needs a token file; the start counter survives restarts.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKiosk } from '../../core/api/create-kiosk-api';
import { parseConfigObject } from '../../core/config/load-config';
import { memorySink } from '../../core/log/logger';
import { countStart, readTokenFile } from '../../core/metrics/start-metrics';
import { makeDirs } from '../issuance/kiosk-helpers';

let dirs = makeDirs();
afterEach(() => {
  dirs.cleanup();
  dirs = makeDirs();
});

function config(extra: Record<string, unknown>): string {
  const path = join(dirs.configDir, 'kiosk.json');
  writeFileSync(path, JSON.stringify({ kioskId: 'kiosk-start', ...extra }));
  return path;
}

describe('metrics start', () => {
  it('is off by default: no listener without a metrics block, even when the process would serve it', async () => {
    const k = await createKiosk({
      dataDir: dirs.dataDir,
      configPath: config({}),
      serveMetrics: true,
      logSink: () => undefined,
    });
    if (!k.ok) throw new Error(k.error.code);
    expect(k.value.metricsServer).toBeUndefined();
    await k.value.close();
  });

  it('CLI-style callers (no serveMetrics) never open the listener, even when configured', async () => {
    const path = config({ metrics: { listen: '127.0.0.1:0' } });
    const k = await createKiosk({ dataDir: dirs.dataDir, configPath: path, logSink: () => undefined });
    if (!k.ok) throw new Error(k.error.code);
    expect(k.value.metricsServer).toBeUndefined();
    await k.value.close();
  });

  it('refuses a token file readable by group or others; the kiosk itself still starts', async () => {
    const tokenFile = join(dirs.configDir, 'token');
    writeFileSync(tokenFile, 'a-long-enough-token-123456');
    for (const mode of [0o640, 0o604, 0o644]) {
      chmodSync(tokenFile, mode);
      expect(readTokenFile(tokenFile)).toMatchObject({
        ok: false,
        error: { details: { reason: 'token-file-readable-by-others' } },
      });
    }
    const sink = memorySink();
    const path = config({ metrics: { listen: '127.0.0.1:0', tokenFile: 'token' } });
    const k = await createKiosk({ dataDir: dirs.dataDir, configPath: path, serveMetrics: true, logSink: sink });
    if (!k.ok) throw new Error(k.error.code);
    expect(k.value.metricsServer).toBeUndefined();
    expect(
      sink.lines.some((l) => l.includes('"metrics.start-failed"') && l.includes('token-file-readable-by-others')),
    ).toBe(true);
    expect((await k.value.api.getInfo({})).ok).toBe(true);
    await k.value.close();
    chmodSync(tokenFile, 0o600);
    expect(readTokenFile(tokenFile)).toEqual({ ok: true, value: 'a-long-enough-token-123456' });
  });

  it('needs a token file to listen on anything but loopback', () => {
    const open = parseConfigObject({ metrics: { listen: '0.0.0.0:9464' } });
    expect(open).toMatchObject({
      ok: false,
      error: { details: { 'metrics.tokenFile': expect.stringContaining('required') } },
    });
    expect(parseConfigObject({ metrics: { listen: '10.1.2.3:9464', tokenFile: '/etc/t' } }).ok).toBe(true);
    expect(parseConfigObject({ metrics: {} })).toMatchObject({
      ok: true,
      value: { metrics: { listen: '127.0.0.1:9464' } },
    });
    expect(parseConfigObject({ metrics: { listen: 'localhost:9464' } }).ok).toBe(false);
    expect(parseConfigObject({ metrics: { listen: '127.0.0.1:9464', port: 1 } }).ok).toBe(false);
  });

  it('counts process starts across restarts', () => {
    expect([countStart(dirs.dataDir), countStart(dirs.dataDir), countStart(dirs.dataDir)]).toEqual([1, 2, 3]);
  });
});
