// `npm run cli -- id new --count N` prints N valid IDs, one per line, in display form.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../core/cli/args';
import { run } from '../../core/cli/commands/id';
import { defaultIdFormat } from '../../core/id/genesenen-id';

afterEach(() => vi.restoreAllMocks());

describe('id new', () => {
  it('prints the requested number of distinct valid IDs', async () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    expect(await run(['new', '--count', '25'])).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(25);
    expect(new Set(lines).size).toBe(25);
    for (const line of lines) {
      const r = defaultIdFormat.normalize(line);
      expect(r.ok && r.value.display).toBe(line);
    }
  });

  it.each([[['new', '--count', '0']], [['new', '--count', 'x']], [['old']], [['new', '--bogus']]])(
    'rejects %j',
    async (argv) => {
      await expect(run(argv)).rejects.toBeInstanceOf(UsageError);
    },
  );
});
