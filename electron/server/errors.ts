// errors.ts — the one error type of the server boundary. Thrown anywhere inside; rendered once at the HTTP edge
// (http/error-handler.ts) in the contract's JSON shape. Causes and stacks stay in the logs.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string,
    readonly hint?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** A start-up failure the user can act on: printed as one line, never with a stack trace. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StartupError'
  }
}
