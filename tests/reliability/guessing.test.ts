// Guessing (docs/reliability.md), default-run size: 8 random guess sequences with restarts against the model
// of the per-ID and per-kiosk attempt limits (tests/support/guessing.ts). The stress run checks
// 60 sequences (tests/stress/guessing.test.ts).
import { describe, it } from 'vitest';
import { checkGuessing } from '../support/guessing';

describe('attempt limits against guessing', () => {
  it(
    'every answer to every guess sequence, across restarts, is what the per-ID and per-kiosk limits promise',
    { timeout: 170_000 },
    async () => {
      await checkGuessing(8);
    },
  );
});
