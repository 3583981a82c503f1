// renderer/src/api/studio-connection.ts — what api/ is given from outside, once at start-up: the runtime's base URL
// and getters for the studio token, the active identity's access token and the service-role key. api/ is a leaf: it
// never imports the store; store/index.ts hands it these getters (configureStudioApi), and slices call api/.

export interface StudioConnection {
  /** Origin (and path prefix) of the runtime; '' = the page's own origin, as in both hosts today. */
  baseUrl: string
  /** The studio token every /studio/api call carries; null before one is known. */
  getToken(): string | null
  /** The access token of the identity the studio acts as; null = service_role. */
  getIdentityToken(): string | null
  /** The runtime's service-role key (from its status); null until the runtime has answered. */
  getServiceRoleKey(): string | null
}

const UNCONFIGURED: StudioConnection = { baseUrl: '', getToken: () => null, getIdentityToken: () => null, getServiceRoleKey: () => null }

let connection: StudioConnection = UNCONFIGURED

/** Called once at start-up (and by tests): every later api/ call reads the token and identity through these. */
export function configureStudioApi(next: Partial<StudioConnection>): void {
  connection = { ...connection, ...next }
}

export function studioConnection(): StudioConnection {
  return connection
}

/** `path` (absolute, e.g. /studio/api/status) on the runtime. */
export function runtimeUrl(path: string): string {
  return `${connection.baseUrl}${path}`
}
