// The boundaries of docs/architecture.md are enforced by ESLint (eslint.config.js), not by comments:
// a deliberately wrong import in each zone fails the lint with the zone's message, and the
// allowed form next to it passes. If a zone were switched off or its file pattern stopped
// matching, these would fail.
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

/** The rule ids ESLint reports for `code` as if it were the file at `path`. */
async function rulesHit(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}
const RESTRICTED = ['no-restricted-imports', '@typescript-eslint/no-restricted-imports'];
const restricted = (rules: string[]) => rules.filter((r) => RESTRICTED.includes(r));

describe('lint zones', () => {
  it('the renderer imports only types from core', async () => {
    const value = "import { createIdFormat } from '../../core/id/genesenen-id';\nexport const f = createIdFormat;\n";
    const typeOnly = "import type { ValidatedId } from '../../core/id/genesenen-id';\nexport type V = ValidatedId;\n";
    expect(restricted(await rulesHit('renderer/app/zone-probe.ts', value))).toHaveLength(1);
    expect(await rulesHit('renderer/app/zone-probe.ts', typeOnly)).toEqual([]);
  });

  it('the renderer may import values from the two constants modules of core, and no other', async () => {
    const limits = "import { REASON_MAX_LENGTH } from '../../core/limits';\nexport const n = REASON_MAX_LENGTH;\n";
    const methods = "import { KIOSK_METHODS } from '../../core/api/kiosk-methods';\nexport const m = KIOSK_METHODS;\n";
    expect(await rulesHit('renderer/app/zone-probe.ts', limits)).toEqual([]);
    expect(await rulesHit('renderer/app/zone-probe.ts', methods)).toEqual([]);
    for (const spec of ['../../core/result', '../../core/api/kiosk-api-contract', '../../core/limits-extra']) {
      const code = `import * as m from '${spec}';\nexport const x = m;\n`;
      expect(restricted(await rulesHit('renderer/app/zone-probe.ts', code)), spec).toHaveLength(1);
    }
  });

  it('the renderer never imports Node or Electron', async () => {
    for (const mod of ['electron', 'node:fs', 'fs', 'better-sqlite3']) {
      const code = `import * as m from '${mod}';\nexport const x = m;\n`;
      expect(restricted(await rulesHit('renderer/screens/ZoneProbe.tsx', code)), mod).toHaveLength(1);
    }
  });

  it('core never imports electron, renderer or server', async () => {
    for (const spec of [
      'electron',
      '../../electron/main/main',
      '../../renderer/app/KioskFlow',
      '../../server/http-server',
    ]) {
      const code = `import * as m from '${spec}';\nexport const x = m;\n`;
      expect(restricted(await rulesHit('core/api/zone-probe.ts', code)), spec).toHaveLength(1);
    }
  });

  it('lower core modules never import core/api, not even its types', async () => {
    const code = "import type { KioskApi } from '../api/kiosk-api';\nexport type A = KioskApi;\n";
    for (const mod of ['dcc', 'registry', 'records', 'print', 'audit', 'id']) {
      expect(restricted(await rulesHit(`core/${mod}/zone-probe.ts`, code)), mod).toHaveLength(1);
    }
    expect(await rulesHit('core/issuance/zone-probe.ts', code)).toEqual([]);
  });

  it('raw IPC lives only in the two IPC modules', async () => {
    const code = "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n";
    expect(await rulesHit('electron/main/zone-probe.ts', code)).toEqual([
      'no-restricted-syntax',
      'no-restricted-syntax',
    ]);
    expect(await rulesHit('electron/main/ipc-handlers.ts', code)).toEqual([]);
  });
});
