// Where e2e tests leave the screenshots people look at (tests/artifacts/screens/, gitignored):
// every screen at several sizes, kept inside the checkout so a run never writes elsewhere.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const SCREENS_DIR = path.resolve(__dirname, '../../artifacts/screens');

/** The path of a screenshot named `name` (without `.png`); creates the folder on first use. */
export function screenPath(name: string): string {
  mkdirSync(SCREENS_DIR, { recursive: true });
  return path.join(SCREENS_DIR, `${name}.png`);
}
