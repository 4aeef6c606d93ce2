// What resetting React state does not forget when a person leaves, undone: the frame remounts
// (React keeps a render's props on long-lived fibers that DOM nodes point to) and V8's last RegExp
// match is replaced. Why, and the heap-snapshot test that found both: docs/memory-secrets.md,
// "The renderer after a person leaves".
import { useCallback, useEffect, useState } from 'react';

export interface ForgetOnLeave {
  /** The key of the kiosk's frame: a new value remounts every component inside it. */
  readonly generation: number;
  /** Called when a person leaves, after the flow state is reset. */
  readonly forget: () => void;
}

export function useForgetOnLeave(): ForgetOnLeave {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    // An empty match becomes the new RegExp.lastMatch in place of whatever was matched last.
    if (generation > 0) /(?:)/u.exec('');
  }, [generation]);
  const forget = useCallback(() => setGeneration((n) => n + 1), []);
  return { generation, forget };
}
