// auth/routes/config-routes.ts — GET /api/v1/auth/config: the public auth settings the SDK (and sign-in pages)
// read early. No token needed.
import type { FastifyInstance } from 'fastify'
import type { AuthModule } from '../auth-module.js'
import { publicAuthConfig } from '../auth-settings.js'

export async function registerConfigRoutes(app: FastifyInstance, auth: AuthModule): Promise<void> {
  app.get('/api/v1/auth/config', async () => publicAuthConfig(auth.settings))
}
