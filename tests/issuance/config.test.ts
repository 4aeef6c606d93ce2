// Configuration: no file = demo defaults; JSON and YAML; one clear error per invalid field,
// by path, without echoing the value that was wrong (it may be a secret).
import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CLERK_PIN_HASH } from '../../core/clerk/pin-hash';
import { defaultKioskId, loadConfig, parseConfigObject } from '../../core/config/load-config';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});
const write = (name: string, text: string): string => {
  dir ||= mkdtempSync(join(tmpdir(), 'kiosk-config-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const errors = (raw: unknown) => {
  const r = parseConfigObject(raw);
  if (r.ok) throw new Error('expected CONFIG_INVALID');
  expect(r.error.code).toBe('CONFIG_INVALID');
  return r.error.details;
};
const PIN_HASH = 'scrypt:c2FsdHNhbHRzYWx0c2FsdA==:+JbHH0JvFuBQRHAGvNAT+sZzd4qiE97SFeVt6jF91Po=';

describe('loadConfig', () => {
  it('without a file gives the demo kiosk', () => {
    const c = loadConfig();
    if (!c.ok) throw new Error('demo config');
    expect(c.value).toMatchObject({
      demoSigner: true,
      signer: { kind: 'demo' },
      recordSource: { kind: 'simulator' },
      rules: {
        dfOffsetDays: 28,
        duOffsetDays: 180,
        earliestIssueDay: 28,
        latestIssueDay: 179,
        country: 'DE',
        issuingCountry: 'DE',
        issuer: 'DEMO – Robert Koch-Institut',
        uvciPrefix: 'DEMO',
      },
      attemptLimits: {
        perId: { max: 5, windowSeconds: 86400 },
        // The kiosk-wide limit waits instead of locking for the hour (docs/configuration.md).
        perKiosk: { max: 20, windowSeconds: 3600, delay: { firstSeconds: 30, maxSeconds: 900 } },
      },
      clerk: { accounts: [{ id: 'clerk', pinHash: DEMO_CLERK_PIN_HASH, peppered: false }], demoPin: true },
      ui: {
        languages: ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'de-ls'],
        idleTimeoutSeconds: 90,
        idleWarningSeconds: 30,
      },
      printers: [],
    });
    expect(c.value.kioskId).toMatch(/^kiosk-[a-z0-9-]+$/);
  });

  it('reads YAML and JSON alike and resolves relative paths against the file', () => {
    const yaml = write(
      'kiosk.yaml',
      `kioskId: buergeramt-1\nrecordSource:\n  kind: dikoma\n  baseUrl: https://dikoma.example.de\nsigner:\n  kind: pem\n  keyPath: keys/dsc.key\n  certPath: /etc/kiosk/dsc.pem\nclerk:\n  pinHash: "${PIN_HASH}"\n`,
    );
    const json = write(
      'kiosk.json',
      JSON.stringify({
        kioskId: 'buergeramt-1',
        recordSource: { kind: 'dikoma', baseUrl: 'https://dikoma.example.de' },
        signer: { kind: 'pem', keyPath: 'keys/dsc.key', certPath: '/etc/kiosk/dsc.pem' },
        clerk: { pinHash: PIN_HASH },
      }),
    );
    const a = loadConfig(yaml);
    const b = loadConfig(json);
    if (!a.ok || !b.ok) throw new Error(JSON.stringify([a, b]));
    expect(a.value.signer).toEqual({ kind: 'pem', keyPath: join(dir, 'keys/dsc.key'), certPath: '/etc/kiosk/dsc.pem' });
    expect({ ...a.value, configPath: '' }).toEqual({ ...b.value, configPath: '' });
    expect(a.value).toMatchObject({
      demoSigner: false,
      rules: { issuer: 'Robert Koch-Institut', uvciPrefix: 'KIOSK' },
      clerk: { demoPin: false },
    });
  });

  it('reports each invalid field by its path', () => {
    const details = errors({
      kioskId: 'Kiosk 1',
      rules: { dfOffsetDays: -1, country: 'Germany' },
      ui: { languages: ['de', 'fr'] },
      printers: [{ kind: 'escpos', name: 'bon', uri: '' }],
      attemptLimits: { perId: { max: 0, windowSeconds: 3600 } },
      surprise: true,
    });
    expect(Object.keys(details).sort()).toEqual(
      [
        '(root)',
        'attemptLimits.perId.max',
        'kioskId',
        'printers.0.uri',
        'rules.country',
        'rules.dfOffsetDays',
        'ui.languages.1',
      ].sort(),
    );
    expect(details['(root)']).toContain('surprise');
  });

  it('refuses a growing delay longer than its window or starting above its cap, by path', () => {
    const limits = (delay: unknown) => ({ attemptLimits: { perKiosk: { max: 5, windowSeconds: 600, delay } } });
    expect(errors(limits({ firstSeconds: 30, maxSeconds: 601 }))).toHaveProperty([
      'attemptLimits.perKiosk.delay.maxSeconds',
    ]);
    expect(Object.keys(errors(limits({ firstSeconds: 60, maxSeconds: 30 })))).toEqual(['attemptLimits.perKiosk.delay']);
    expect(parseConfigObject(limits({ firstSeconds: 5, maxSeconds: 600 })).ok).toBe(true);
  });

  it('checks rules against each other', () => {
    expect(errors({ rules: { earliestIssueDay: 200 } })).toHaveProperty(['rules.earliestIssueDay']);
    expect(errors({ rules: { dfOffsetDays: 200, duOffsetDays: 180 } })).toHaveProperty(['rules.dfOffsetDays']);
    expect(errors({ ui: { idleTimeoutSeconds: 20, idleWarningSeconds: 30 } })).toHaveProperty([
      'ui.idleWarningSeconds',
    ]);
  });

  it('requires a real clerk PIN hash with a real signer', () => {
    expect(errors({ signer: { kind: 'pem', keyPath: 'k', certPath: 'c' } })).toHaveProperty(['clerk.pinHash']);
    expect(errors({ clerk: { pinHash: '246810' } })).toHaveProperty(['clerk.pinHash']);
  });

  it('clerk accounts: one per id, pinHash or accounts, a pepper file with a real signer', () => {
    const signer = { kind: 'pem', keyPath: 'k', certPath: 'c' };
    const recordSource = { kind: 'dikoma', baseUrl: 'https://dikoma.example.de' };
    const accounts = [
      { id: 'mueller', pinHash: PIN_HASH },
      { id: 'yilmaz', pinHash: PIN_HASH },
    ];
    expect(errors({ signer, recordSource, clerk: { accounts } })).toHaveProperty(['clerk.pepperFile']);
    expect(errors({ clerk: { accounts: [accounts[0], accounts[0]] } })).toHaveProperty(['clerk.accounts']);
    expect(errors({ clerk: { pinHash: PIN_HASH, accounts } })).toHaveProperty(['clerk.accounts']);
    expect(errors({ clerk: { accounts: [{ id: 'Erika Mustermann', pinHash: PIN_HASH }] } })).toHaveProperty([
      'clerk.accounts.0.id',
    ]);
    const c = parseConfigObject({ signer, recordSource, clerk: { accounts, pepperFile: '/etc/kiosk/pepper' } });
    if (!c.ok) throw new Error(JSON.stringify(c.error));
    expect(c.value.clerk.accounts.map((a) => [a.id, a.peppered])).toEqual([
      ['mueller', true],
      ['yilmaz', true],
    ]);
    const single = parseConfigObject({ signer, recordSource, clerk: { pinHash: PIN_HASH } });
    if (!single.ok) throw new Error(JSON.stringify(single.error));
    expect(single.value.clerk.accounts).toEqual([{ id: 'clerk', pinHash: PIN_HASH, peppered: false }]);
    expect(single.value.clerk.maxReissuesPerId).toBe(2);
  });

  it('never echoes an invalid value (it may be a secret)', () => {
    const secret = 'Sup3r-Secret-Token-Value';
    const details = errors({
      clerk: { pinHash: secret },
      recordSource: { kind: 'dikoma', baseUrl: `http://user:${secret}@example.org`, bearerToken: 42 },
      kioskId: secret,
    });
    expect(JSON.stringify(details)).not.toContain(secret);
    expect(Object.keys(details).sort()).toEqual([
      'clerk.pinHash',
      'kioskId',
      'recordSource.baseUrl',
      'recordSource.bearerToken',
    ]);
  });

  it('reports unreadable and unparseable files without quoting them', () => {
    expect(loadConfig(join(tmpdir(), 'does-not-exist-kiosk.json'))).toMatchObject({
      ok: false,
      error: { details: { file: expect.stringContaining('ENOENT') } },
    });
    const badJson = loadConfig(write('bad.json', '{"bearerToken": "Sup3rSecret" ,,}'));
    expect(badJson).toEqual({ ok: false, error: { code: 'CONFIG_INVALID', details: { file: 'is not valid JSON' } } });
    const badYaml = loadConfig(write('bad.yaml', 'a: 1\n  b: Sup3rSecret: x\n'));
    expect(JSON.stringify(badYaml)).not.toContain('Sup3rSecret');
    expect(badYaml.ok).toBe(false);
    expect(loadConfig(write('kiosk.toml', ''))).toMatchObject({
      ok: false,
      error: { details: { file: expect.stringContaining('.json') } },
    });
  });
});

describe('defaultKioskId', () => {
  it('derives a valid id from any host name', () => {
    expect(defaultKioskId('Buergeramt-PC_07.stadt.local')).toBe('kiosk-buergeramt-pc-07-stadt-local');
    expect(defaultKioskId('___')).toBe('kiosk-unnamed');
    expect(parseConfigObject({ kioskId: defaultKioskId('x'.repeat(300)) }).ok).toBe(true);
  });
});

describe('docs/config.example.json', () => {
  it('is a valid configuration (the documentation does not drift from the schema)', () => {
    const c = loadConfig(join(__dirname, '../../docs/config.example.json'));
    if (!c.ok) throw new Error(JSON.stringify(c.error));
    expect(c.value).toMatchObject({
      demoSigner: false,
      kioskId: 'buergeramt-mitte-1',
      recordSource: { kind: 'dikoma' },
    });
  });

  it('docs/configuration.md names every top-level field of the schema', async () => {
    const { readFileSync } = await import('node:fs');
    const { kioskConfigFileSchema } = await import('../../core/config/config-schema');
    const doc = readFileSync(join(__dirname, '../../docs/configuration.md'), 'utf8');
    const shape = kioskConfigFileSchema.shape;
    for (const key of Object.keys(shape)) expect(doc).toContain(`\`${key}`);
  });
});

describe('real signer ⇒ real records', () => {
  const dikoma = { kind: 'dikoma', baseUrl: 'https://dikoma.example.de' };
  const pem = { kind: 'pem', keyPath: 'k.pem', certPath: 'c.pem' };
  const pkcs11 = {
    kind: 'pkcs11',
    module: '/usr/lib/softhsm/libsofthsm2.so',
    tokenLabel: 'kiosk',
    keyLabel: 'dsc',
    pinFile: 'pin',
    dscPath: 'dsc.pem',
  };
  const remote = {
    kind: 'remote',
    baseUrl: 'https://sign.example.de',
    dscPath: 'dsc.pem',
    clientCertPath: 'c.pem',
    clientKeyPath: 'k.pem',
  };

  it.each([
    ['pem', pem],
    ['pkcs11', pkcs11],
    ['remote', remote],
  ])('a %s signer refuses the simulator, a fixture and a missing record source', (_k, signer) => {
    for (const recordSource of [undefined, { kind: 'simulator' }, { kind: 'simulator', fixture: 'people.json' }]) {
      expect(errors({ signer, recordSource, clerk: { pinHash: PIN_HASH } })['recordSource']).toMatch(
        /real record source/,
      );
    }
    expect(parseConfigObject({ signer, recordSource: dikoma, clerk: { pinHash: PIN_HASH } }).ok).toBe(true);
  });

  it('the demo signer keeps the simulator', () => {
    expect(parseConfigObject({ recordSource: { kind: 'simulator' } }).ok).toBe(true);
  });

  it('resolves every signer file path against the config file, also for signer.next', () => {
    const c = parseConfigObject(
      {
        signer: { ...pkcs11, next: { ...remote, from: '2027-01-01T00:00:00Z' } },
        recordSource: dikoma,
        clerk: { pinHash: PIN_HASH },
      },
      '/etc/kiosk/kiosk.json',
    );
    if (!c.ok) throw new Error(JSON.stringify(c.error));
    expect(c.value.signer).toMatchObject({
      module: '/usr/lib/softhsm/libsofthsm2.so',
      pinFile: '/etc/kiosk/pin',
      dscPath: '/etc/kiosk/dsc.pem',
      next: { clientKeyPath: '/etc/kiosk/k.pem', from: '2027-01-01T00:00:00Z' },
    });
  });

  it('the remote signer needs https', () => {
    expect(
      errors({
        signer: { ...remote, baseUrl: 'http://sign.example.de' },
        recordSource: dikoma,
        clerk: { pinHash: PIN_HASH },
      }),
    ).toHaveProperty(['signer.baseUrl']);
  });
});

describe('secrets outside the configuration file', () => {
  const secretFile = (name: string, text: string, mode: number) => {
    const path = write(name, text);
    chmodSync(path, mode);
    return path;
  };

  it('reads a DiKoMa bearer token and SORMAS credentials from 0600 files; the config file holds no secret', () => {
    secretFile('dikoma-token', 'token-from-file\n', 0o600);
    const dikoma = loadConfig(
      write(
        'd.json',
        JSON.stringify({
          recordSource: { kind: 'dikoma', baseUrl: 'https://d.example.de', bearerTokenFile: 'dikoma-token' },
        }),
      ),
    );
    expect(dikoma.ok && dikoma.value.recordSource).toMatchObject({ kind: 'dikoma', bearerToken: 'token-from-file' });
    secretFile('sormas-pass', 'pass-from-file', 0o400);
    const sormas = loadConfig(
      write(
        's.json',
        JSON.stringify({
          recordSource: {
            kind: 'sormas',
            baseUrl: 'https://s.example.de/sormas-rest',
            auth: { basic: { user: 'kiosk', passwordFile: 'sormas-pass' } },
          },
        }),
      ),
    );
    expect(sormas.ok && sormas.value.recordSource).toMatchObject({
      auth: { basic: { user: 'kiosk', password: 'pass-from-file' } },
    });
  });

  it.each([
    ['readable by others', 0o644, 'chmod 600'],
    ['readable by the group', 0o640, 'chmod 600'],
  ])('a token file %s is refused by field, without its content', (_l, mode, hint) => {
    secretFile('open-token', 'Sup3r-Secret-Token', mode);
    const r = loadConfig(
      write(
        'o.json',
        JSON.stringify({
          recordSource: { kind: 'sormas', baseUrl: 'https://s.example.de/r', auth: { bearerTokenFile: 'open-token' } },
        }),
      ),
    );
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('Sup3r-Secret-Token');
    expect(!r.ok && r.error.details['recordSource.auth.bearerTokenFile']).toContain(hint);
  });

  it('a missing token file is refused by field', () => {
    const r = loadConfig(
      write(
        'm.json',
        JSON.stringify({ recordSource: { kind: 'dikoma', baseUrl: 'https://d.example.de', bearerTokenFile: 'nope' } }),
      ),
    );
    expect(!r.ok && r.error.details['recordSource.bearerTokenFile']).toMatch(/not found/);
  });
});
