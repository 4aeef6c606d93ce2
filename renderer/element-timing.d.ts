// The Element Timing attribute (https://wicg.github.io/element-timing/), which React passes to the
// DOM as written but its types do not list. Chromium reports when such an element is painted;
// the first-screen benchmark reads it (docs/performance.md, "First screen").
import 'react';

declare module 'react' {
  // A merged declaration must repeat React's type parameter, which this addition does not use.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface HTMLAttributes<T> {
    elementtiming?: string;
  }
}
