// Where the Electron shell finds its data and configuration, and what the UI gets when core
// cannot start (docs/release.md: configuration and keys load in the main process only).
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { KIOSK_METHODS } from '../../core/api/kiosk-api-contract';
import type { KioskApi } from '../../core/api/kiosk-api';
import { createLogger, memorySink, silentLogger } from '../../core/log/logger';
import { err, ok } from '../../core/result';
import {
  argValue,
  chromiumProfileDir,
  createUnavailableApi,
  loadKiosk,
  resolveKioskPaths,
} from '../../electron/main/config-loading';

const base = {
  argv: ['/opt/kiosk/genesenen-kiosk'],
  env: {},
  defaultDataDir: '/home/k/.local/share/genesenen-kiosk',
  exists: () => false,
};

describe('resolveKioskPaths', () => {
  it('defaults to the shared per-user data directory and demo mode (no config)', () => {
    expect(resolveKioskPaths(base)).toEqual({ dataDir: base.defaultDataDir });
  });

  it('--data-dir beats KIOSK_DATA_DIR beats the default', () => {
    expect(resolveKioskPaths({ ...base, env: { KIOSK_DATA_DIR: '/srv/env' } }).dataDir).toBe('/srv/env');
    expect(
      resolveKioskPaths({
        ...base,
        argv: [...base.argv, '--data-dir', '/srv/arg'],
        env: { KIOSK_DATA_DIR: '/srv/env' },
      }).dataDir,
    ).toBe('/srv/arg');
    expect(resolveKioskPaths({ ...base, argv: [...base.argv, '--data-dir=/srv/eq'] }).dataDir).toBe('/srv/eq');
    expect(resolveKioskPaths({ ...base, env: { KIOSK_DATA_DIR: '' } }).dataDir).toBe(base.defaultDataDir);
  });

  it('--config beats KIOSK_CONFIG beats config.json / config.yaml / config.yml in the data directory', () => {
    const present = new Set([join('/srv/k', 'config.yaml'), join('/srv/k', 'config.yml')]);
    const withFiles = { ...base, env: { KIOSK_DATA_DIR: '/srv/k' }, exists: (p: string) => present.has(p) };
    expect(resolveKioskPaths(withFiles).configPath).toBe(join('/srv/k', 'config.yaml'));
    expect(resolveKioskPaths({ ...withFiles, env: { ...withFiles.env, KIOSK_CONFIG: '/etc/k.json' } }).configPath).toBe(
      '/etc/k.json',
    );
    expect(
      resolveKioskPaths({
        ...withFiles,
        argv: ['x', '--config', '/etc/a.yaml'],
        env: { ...withFiles.env, KIOSK_CONFIG: '/etc/k.json' },
      }).configPath,
    ).toBe('/etc/a.yaml');
  });

  it('ignores Chromium switches and a flag without a value', () => {
    expect(argValue(['x', '--no-sandbox', '--enable-logging', '--data-dir'], 'data-dir')).toBeUndefined();
    expect(argValue(['x', '--data-dir', '--config', 'c'], 'data-dir')).toBeUndefined();
    expect(argValue(['x', '--data-dir-extra=1'], 'data-dir')).toBeUndefined();
  });

  it('keeps Chromium’s profile inside the data directory', () => {
    expect(chromiumProfileDir('/srv/k')).toBe(join('/srv/k', 'chromium-profile'));
  });
});

describe('loadKiosk', () => {
  const electronPrint = vi.fn();

  it('passes paths and the print glue to core, asks it to serve metrics, and returns its API', async () => {
    const api = {} as KioskApi;
    const close = vi.fn(async () => undefined);
    const createKiosk = vi.fn(async () => ok({ api, config: {}, close }));
    const loaded = await loadKiosk({
      createKiosk,
      paths: { dataDir: '/d', configPath: '/d/config.json' },
      electronPrint,
      logger: silentLogger,
    });
    expect(createKiosk).toHaveBeenCalledWith({
      dataDir: '/d',
      configPath: '/d/config.json',
      electronPrint,
      serveMetrics: true,
    });
    expect(loaded.api).toBe(api);
    expect(loaded.startupError).toBeNull();
    await loaded.close();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('a failing configuration still yields an API: every method answers its error code', async () => {
    const sink = memorySink();
    const loaded = await loadKiosk({
      createKiosk: async () => err('CONFIG_INVALID', { line: 3 }),
      paths: { dataDir: '/d' },
      electronPrint,
      logger: createLogger({ sink }),
    });
    expect(loaded.startupError).toEqual({ code: 'CONFIG_INVALID', details: { line: 3 } });
    for (const m of KIOSK_METHODS) {
      await expect((loaded.api[m] as (i: unknown) => Promise<unknown>)({})).resolves.toEqual({
        ok: false,
        error: { code: 'CONFIG_INVALID', details: { line: 3 } },
      });
    }
    expect(sink.lines.join('\n')).toContain('"code":"CONFIG_INVALID"');
  });

  it('core throwing while starting is INTERNAL; its message is not logged', async () => {
    const sink = memorySink();
    const loaded = await loadKiosk({
      createKiosk: async () => {
        throw new SyntaxError('bad key file /home/erika.mustermann/key.pem');
      },
      paths: { dataDir: '/d' },
      electronPrint,
      logger: createLogger({ sink }),
    });
    expect(loaded.startupError).toEqual({ code: 'INTERNAL' });
    expect(sink.lines.join('\n')).toContain('SyntaxError');
    expect(sink.lines.join('\n')).not.toContain('mustermann');
  });

  it('createUnavailableApi covers every method', () => {
    const api = createUnavailableApi({ code: 'SIGNER_UNAVAILABLE' });
    expect(Object.keys(api).sort()).toEqual([...KIOSK_METHODS].sort());
  });
});
