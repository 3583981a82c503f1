// http/host-guard.ts — refuses requests whose Host is not a loopback name. Binding to 127.0.0.1 keeps other
// machines out; this keeps out web pages that rebind their own domain name to 127.0.0.1 (DNS rebinding).
const ALLOWED_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function hostAllowed(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false
  const host = hostHeader.trim().toLowerCase()
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
  if (!ALLOWED_HOSTS.has(name)) return false
  const port = host.slice(name.length)
  return port === '' || /^:\d{1,5}$/.test(port)
}
