// KERN alert box used for errors and hints. Errors are announced (role="alert"); info is polite.
import type { ReactNode } from 'react';

export interface AlertProps {
  readonly tone: 'danger' | 'info' | 'success' | 'warning';
  readonly title?: ReactNode;
  readonly children?: ReactNode;
  readonly id?: string;
}

export function Alert({ tone, title, children, id }: AlertProps) {
  return (
    <div id={id} className={`kern-alert kern-alert--${tone} kiosk-alert`} role={tone === 'danger' ? 'alert' : 'status'}>
      {title ? (
        <div className="kern-alert__header">
          <span className={`kern-icon kern-icon--${tone}`} aria-hidden="true" />
          <span className="kern-title">{title}</span>
        </div>
      ) : null}
      {children ? <div className="kern-alert__body kern-body">{children}</div> : null}
    </div>
  );
}
