// Process state shared by the server (which sets it on SIGTERM) and the routes that report it.
export interface Lifecycle {
  shuttingDown: boolean;
}

export function createLifecycle(): Lifecycle {
  return { shuttingDown: false };
}
