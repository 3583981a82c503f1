// Pure verdicts for --database-url servers: the bootstrap preflight (missing privileges and conflicts, each with
// its fix), realtime's replication preconditions, and the version-aware replication-slot query.
import { describe, expect, it } from 'vitest'
import { preflightProblems, describeProblems, type BootstrapFacts, type ExistingRole } from '../../../electron/server/postgres/bootstrap-preflight.js'
import { preconditionOfError, unmetPrecondition, type ReplicationFacts } from '../../../electron/server/realtime/replication-preconditions.js'
import { slotRowSql } from '../../../electron/server/realtime/replication-slot.js'

const superuser: BootstrapFacts = {
  role: 'postgres',
  database: 'app',
  serverVersionNum: 170004,
  superuser: true,
  createRole: true,
  bypassRls: true,
  canCreateInDatabase: true,
  installedHere: false,
  roles: [],
  schemas: [],
}
const managed: BootstrapFacts = { ...superuser, role: 'app_admin', superuser: false }
const role = (name: string, over: Partial<ExistingRole> = {}): ExistingRole => ({ name, superuser: false, canLogin: false, bypassRls: false, adminOption: true, memberOfRequestRoles: false, ...over })

describe('bootstrap preflight', () => {
  it('finds nothing for a superuser on an empty database, or for a managed role with what 16+ needs', () => {
    expect(preflightProblems(superuser)).toEqual([])
    expect(preflightProblems(managed)).toEqual([])
  })

  it('names each missing privilege with the statement that grants it', () => {
    const p = preflightProblems({ ...managed, createRole: false, bypassRls: false, canCreateInDatabase: false })
    expect(p.map((x) => x.fix)).toEqual(['GRANT CREATE ON DATABASE "app" TO "app_admin"', 'ALTER ROLE "app_admin" CREATEROLE', 'ALTER ROLE "app_admin" BYPASSRLS'])
    expect(p.every((x) => x.kind === 'privilege')).toBe(true)
  })

  it('on 14 and 15 asks a superuser to make service_role (only superusers create BYPASSRLS roles there)', () => {
    for (const v of [140012, 150007]) {
      const p = preflightProblems({ ...managed, serverVersionNum: v, bypassRls: true })
      expect(p).toEqual([expect.objectContaining({ fix: 'CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS' })])
    }
    // Made beforehand: nothing left to ask.
    expect(preflightProblems({ ...managed, serverVersionNum: 150007, bypassRls: false, roles: [role('service_role', { bypassRls: true, adminOption: false })] })).toEqual([])
  })

  it('on 16+ needs ADMIN OPTION on request roles it did not make', () => {
    const p = preflightProblems({ ...managed, roles: [role('anon', { adminOption: false }), role('service_role', { bypassRls: true })] })
    expect(p).toEqual([expect.objectContaining({ kind: 'privilege', fix: 'GRANT "anon" TO "app_admin" WITH ADMIN OPTION' })])
  })

  it("names the user's schemas and roles in the way, and none once the runtime is installed here", () => {
    const facts: BootstrapFacts = {
      ...superuser,
      schemas: [
        { name: 'auth', owner: 'postgres', objects: ['identities', 'users'], objectCount: 2 },
        { name: 'app', owner: 'postgres', objects: [], objectCount: 0 },
      ],
      roles: [role('anon', { canLogin: true }), role('service_role'), role('fluxbase_api', { canLogin: true }), role('authenticated', { superuser: true })],
    }
    const p = preflightProblems(facts)
    expect(p.map((x) => x.message)).toEqual([
      expect.stringMatching(/schema "auth" that holds 2 objects \(identities, users\)/),
      expect.stringMatching(/role "anon" exists and can log in/),
      expect.stringMatching(/role "service_role" exists without BYPASSRLS/),
      expect.stringMatching(/role "fluxbase_api" exists but was not made by Fluxbase Studio/),
      expect.stringMatching(/role "authenticated" exists and is a superuser/),
    ])
    expect(describeProblems(facts, p)).toMatch(/^Fluxbase Studio cannot install into the database "app" as the role "postgres" \(PostgreSQL 17\); nothing was changed:\n {2}- /)
    expect(preflightProblems({ ...facts, installedHere: true })).toEqual([])
  })

  it('an empty schema of another owner is in the way of a managed role only', () => {
    const schemas = [{ name: 'storage', owner: 'someone', objects: [], objectCount: 0 }]
    expect(preflightProblems({ ...superuser, schemas })).toEqual([])
    expect(preflightProblems({ ...managed, schemas })).toEqual([expect.objectContaining({ kind: 'conflict', message: expect.stringMatching(/schema "storage" that belongs to role "someone"/) })])
  })
})

describe('replication preconditions', () => {
  const ok: ReplicationFacts = { role: 'app_admin', walLevel: 'logical', maxWalSenders: 10, walSendersInUse: 0, maxReplicationSlots: 10, slotsInUse: 0, hasSlot: false, canReplicate: true }

  it.each<[string, Partial<ReplicationFacts>, RegExp]>([
    ['wal_level', { walLevel: 'replica' }, /wal_level = replica: run ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL/],
    ['no WAL sender', { maxWalSenders: 0 }, /max_wal_senders = 0: run ALTER SYSTEM SET max_wal_senders = 10/],
    ['REPLICATION', { canReplicate: false }, /role "app_admin" lacks it: run ALTER ROLE "app_admin" REPLICATION/],
    ['no free slot', { maxReplicationSlots: 2, slotsInUse: 2 }, /all 2 \(max_replication_slots\) are in use: .*max_replication_slots = 3/],
    ['WAL senders busy', { maxWalSenders: 2, walSendersInUse: 2 }, /all 2 \(max_wal_senders\) are in use/],
  ])('%s', (_name, over, text) => {
    expect(unmetPrecondition({ ...ok, ...over })).toMatch(text)
  })

  it('passes when all is there, and our own slot needs no free one', () => {
    expect(unmetPrecondition(ok)).toBeUndefined()
    expect(unmetPrecondition({ ...ok, maxReplicationSlots: 1, slotsInUse: 1, hasSlot: true })).toBeUndefined()
  })

  it("turns the replication connection's refusals into settings, and leaves passing faults alone", () => {
    expect(preconditionOfError('no pg_hba.conf entry for host "127.0.0.1", user "app_admin", database "app", no encryption', 'app_admin')).toMatch(/"host <database> app_admin 127\.0\.0\.1\/32 scram-sha-256"/)
    expect(preconditionOfError('pg_hba.conf rejects connection for host "127.0.0.1", user "x", database "app"', 'x')).toMatch(/pg_hba\.conf/)
    expect(preconditionOfError('unsupported startup parameter: replication', 'x')).toMatch(/connection pooler .* not at the pooler/)
    expect(preconditionOfError('permission denied to start WAL sender', 'x')).toMatch(/ALTER ROLE "x" REPLICATION/)
    expect(preconditionOfError('Connection terminated unexpectedly', 'x')).toBeUndefined()
  })
})

describe('slotRowSql', () => {
  it('reads invalidation_reason only where it exists (17+)', () => {
    expect(slotRowSql(170000)).toContain('invalidation_reason AS invalid')
    expect(slotRowSql(160004)).toContain("CASE WHEN conflicting THEN 'conflicting' END AS invalid")
    for (const v of [140000, 150013]) {
      expect(slotRowSql(v)).toContain('NULL::text AS invalid')
      expect(slotRowSql(v)).not.toMatch(/invalidation_reason|conflicting/)
    }
  })
})
