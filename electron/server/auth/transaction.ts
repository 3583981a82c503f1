// auth/transaction.ts — run several auth statements atomically on one connection of the API pool.
import type { Pool, PoolClient } from 'pg'

export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const result = await fn(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    await client.query('ROLLBACK').catch((e: Error) => {
      broken = e
    })
    throw err
  } finally {
    client.release(broken)
  }
}
