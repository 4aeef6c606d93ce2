// The state of one component as the status screens and metrics report it (docs/monitoring.md).
export type ComponentState = 'ok' | 'degraded' | 'down';
