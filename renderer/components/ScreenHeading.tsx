// Each screen's one <h1> (WCAG 2.4.3/2.4.6): it receives focus when the screen appears,
// so screen readers announce the new question and keyboard users start from the top. Focus moves
// in a layout effect, together with the screen's DOM, so a Tab pressed at once starts from here.
// `elementtiming` lets Chromium report when the heading is painted (bench web_first_screen).
import { useLayoutEffect, useRef } from 'react';
import type { ReactNode } from 'react';

export function ScreenHeading({ children }: { readonly children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="kern-heading-large screen-heading" elementtiming="screen-heading">
      {children}
    </h1>
  );
}
