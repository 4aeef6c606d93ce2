// Default data directory per OS (docs/configuration.md): the per-user application-data folder.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { dataPaths, defaultDataDir } from '../../core/paths';

describe('defaultDataDir', () => {
  it('Linux: $XDG_DATA_HOME, else ~/.local/share; a relative XDG_DATA_HOME is ignored', () => {
    expect(defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: '/data/xdg' }, home: '/home/k' })).toBe(
      '/data/xdg/genesenen-kiosk',
    );
    expect(defaultDataDir({ platform: 'linux', env: {}, home: '/home/k' })).toBe(
      '/home/k/.local/share/genesenen-kiosk',
    );
    expect(defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: 'rel' }, home: '/home/k' })).toBe(
      '/home/k/.local/share/genesenen-kiosk',
    );
  });
  it('macOS and Windows', () => {
    expect(defaultDataDir({ platform: 'darwin', env: {}, home: '/Users/k' })).toBe(
      '/Users/k/Library/Application Support/genesenen-kiosk',
    );
    expect(
      defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\k\\AppData\\Roaming' }, home: 'C:\\Users\\k' }),
    ).toBe(join('C:\\Users\\k\\AppData\\Roaming', 'genesenen-kiosk'));
  });
  it('lays out the registry, audit and log paths inside the data directory', () => {
    expect(dataPaths('/d')).toEqual({ registry: '/d/registry.sqlite', auditDir: '/d/audit', logDir: '/d/logs' });
  });
});
