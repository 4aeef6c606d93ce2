// Guessing (docs/reliability.md), stress size: 60 random guess sequences with restarts against the model
// of the per-ID and per-kiosk attempt limits (tests/support/guessing.ts); the default run checks 8.
import { describe, it } from 'vitest';
import { checkGuessing } from '../support/guessing';

describe('attempt limits against guessing', () => {
  it(
    'every answer to every guess sequence, across restarts, is what the per-ID and per-kiosk limits promise',
    { timeout: 600_000 },
    async () => {
      await checkGuessing(60);
    },
  );
});
