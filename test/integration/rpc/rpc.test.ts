// RPC against the real runtime (contract §2 and its decisions): procedures synced from annotated .sql files,
// parameters bound (never inlined), the caller's RLS, access rules, failures as HTTP errors with an execution id,
// async executions with status and logs, and the fallback to public.<name>(named args).
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { FIXTURES, runScenario, tokens, USERS, type Scenario } from '../rest/scenario.js'
import { schemaStoreFor } from '../../../electron/server/rest/schema/schema-store.js'

let rt: TestRuntime
let token: ReturnType<typeof tokens>

beforeAll(async () => {
  rt = await startTestRuntime()
  token = tokens(rt)
  await rt.admin.query(`
    CREATE TABLE posts (id serial PRIMARY KEY, user_id uuid NOT NULL, title text NOT NULL UNIQUE);
    CREATE TABLE secrets (id int PRIMARY KEY, secret text);
    ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own ON posts FOR ALL USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());
    GRANT SELECT, INSERT ON posts TO authenticated;
    GRANT SELECT ON secrets TO authenticated;
    GRANT USAGE ON SEQUENCE posts_id_seq TO authenticated;
    INSERT INTO posts (user_id, title) VALUES ('${USERS.alice}', 'a1'), ('${USERS.alice}', 'a2'), ('${USERS.bob}', 'b1');
    INSERT INTO secrets VALUES (1, 'hidden');

    CREATE FUNCTION add(a int, b int DEFAULT 10) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
    CREATE FUNCTION add(a int, b int, c int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT a + b + c';
    CREATE FUNCTION visible_posts() RETURNS SETOF posts LANGUAGE sql STABLE AS 'SELECT * FROM posts ORDER BY id';
    CREATE FUNCTION tag(t text[], meta jsonb) RETURNS TABLE (n int, kind text) LANGUAGE sql AS 'SELECT cardinality(t), meta->>''kind''';
    CREATE FUNCTION insert_post(owner uuid, title text) RETURNS SETOF posts LANGUAGE sql AS 'INSERT INTO posts (user_id, title) VALUES (owner, title) RETURNING *';
    CREATE FUNCTION nothing_much() RETURNS void LANGUAGE sql AS 'SELECT';
    CREATE FUNCTION noisy() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'step one'; RAISE WARNING 'careful'; RETURN 7; END $$;
    CREATE FUNCTION boom() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'kaboom' USING HINT = 'do not call boom'; END $$;
    -- The guide's example: a SECURITY DEFINER function, called with named args.
    CREATE OR REPLACE FUNCTION calculate_user_stats(user_uuid UUID)
    RETURNS TABLE(total_posts INTEGER) AS $$
    BEGIN
      RETURN QUERY SELECT (SELECT COUNT(*)::INTEGER FROM posts WHERE user_id = user_uuid);
    END;
    $$ LANGUAGE plpgsql SECURITY DEFINER;
  `)
  await (await schemaStoreFor(rt.ctx)).reload()
  // Sync reads only the project's folders: the fixtures go where a developer's procedure files would.
  fs.cpSync(path.join(FIXTURES, 'rpc'), path.join(rt.ctx.config.projectDir, 'rpc'), { recursive: true })
  const res = await rt.api('/api/v1/admin/rpc/sync', { method: 'POST', body: JSON.stringify({ dir: 'rpc' }) })
  expect(res.status).toBe(200)
  expect(((await res.json()) as { synced: string[] }).synced.sort()).toEqual(['admin/stats', 'default/add_post', 'default/my_posts', 'default/slow', 'default/sneaky', 'default/whoami'])
})
afterAll(async () => {
  await rt?.stop()
})

const RPC = '/api/v1/rpc'

const SCENARIOS: Scenario[] = [
  { name: 'a procedure runs under the caller\'s RLS', as: 'alice', method: 'POST', path: `${RPC}/default/my_posts`, body: { params: {} }, expect: { status: 200, match: { status: 'completed', result: [{ title: 'a2' }, { title: 'a1' }], rows_returned: 2 } } },
  { name: '… and for bob, bob\'s rows', as: 'bob', method: 'POST', path: `${RPC}/default/my_posts`, body: { params: { limit: 5 } }, expect: { status: 200, match: { result: [{ title: 'b1' }] } } },
  { name: 'optional input bound as a parameter', as: 'alice', method: 'POST', path: `${RPC}/default/my_posts`, body: { params: { limit: 1 } }, expect: { status: 200, match: { result: [{ title: 'a2' }], rows_returned: 1 } } },
  { name: 'input validation names the parameter', as: 'alice', method: 'POST', path: `${RPC}/default/my_posts`, body: { params: { limit: 'all' } }, expect: { status: 400, error: /"limit" must be of type integer/, match: { status: 'failed' } } },
  { name: 'unknown parameters are refused', as: 'alice', method: 'POST', path: `${RPC}/default/my_posts`, body: { params: { nope: 1 } }, expect: { status: 400, error: /unknown parameter "nope"/ } },
  { name: 'caller_* come from the token, never from the body', as: 'alice', method: 'POST', path: `${RPC}/default/whoami`, body: { params: { caller_id: USERS.bob } }, expect: { status: 200, match: { result: [{ id: USERS.alice, role: 'authenticated', email: 'alice@example.com', literal: '$not_a_param' }] } } },
  { name: 'public procedures take anonymous callers', as: 'anon', method: 'POST', path: `${RPC}/default/whoami`, body: {}, expect: { status: 200, match: { result: [{ id: null, role: 'anon' }] } } },
  { name: 'private ones refuse them (403)', as: 'anon', method: 'POST', path: `${RPC}/default/my_posts`, body: { params: {} }, expect: { status: 403, error: /not public/ } },
  { name: 'values are parameters: a hostile title is just a title', as: 'alice', method: 'POST', path: `${RPC}/default/add_post`, body: { params: { title: "x'); DELETE FROM posts; --" } }, expect: { status: 200, match: { result: [{ title: "x'); DELETE FROM posts; --", user_id: USERS.alice }] }, db: { sql: 'SELECT count(*)::int AS n FROM posts', rows: [{ n: 4 }] } } },
  { name: 'a unique violation is a 409 with the execution id', as: 'alice', method: 'POST', path: `${RPC}/default/add_post`, body: { params: { title: 'a1' } }, expect: { status: 409, match: { code: '23505', status: 'failed', execution_id: expect.any(String) } } },
  { name: 'an RLS refusal inside a function is a 403 naming the policy', as: 'alice', method: 'POST', path: `${RPC}/default/insert_post`, body: { params: { owner: USERS.bob, title: 'forged' } }, expect: { status: 403, error: /row-level security/, hint: /"own"/, match: { status: 'failed' } } },
  { name: 'require-role refuses other roles', as: 'alice', method: 'POST', path: `${RPC}/admin/stats`, body: {}, expect: { status: 403, error: /requires the role admin or moderator/ } },
  { name: 'the service role bypasses role checks', as: 'service', method: 'POST', path: `${RPC}/admin/stats`, body: {}, expect: { status: 200, match: { result: [{ posts: 4 }] } } },
  { name: 'allowed-tables is enforced', as: 'alice', method: 'POST', path: `${RPC}/default/sneaky`, body: {}, expect: { status: 403, error: /public\.secrets, which is not among its allowed tables/ } },
  { name: 'the execution time limit is a 504', as: 'anon', method: 'POST', path: `${RPC}/default/slow`, body: {}, expect: { status: 504, match: { status: 'timeout' } } },
  { name: 'unknown procedure and no such function: 404', as: 'alice', method: 'POST', path: `${RPC}/default/nope`, body: {}, expect: { status: 404 } },
  { name: 'unknown namespace: 404', as: 'alice', method: 'POST', path: `${RPC}/elsewhere/my_posts`, body: {}, expect: { status: 404 } },
  // Fallback: public.<name>(named args)
  { name: 'fallback: a function with named args and a default', as: 'alice', method: 'POST', path: `${RPC}/default/add`, body: { params: { a: 1 } }, expect: { status: 200, match: { result: [{ add: 11 }] } } },
  { name: 'fallback: overloads are told apart by argument names', as: 'alice', method: 'POST', path: `${RPC}/default/add`, body: { params: { a: 1, b: 2, c: 3 } }, expect: { status: 200, match: { result: [{ add: 6 }] } } },
  { name: 'fallback: SETOF rows under the caller\'s RLS', as: 'bob', method: 'POST', path: `${RPC}/default/visible_posts`, body: { params: {} }, expect: { status: 200, match: { result: [{ title: 'b1', user_id: USERS.bob }], rows_returned: 1 } } },
  { name: 'fallback: arrays and jsonb arguments', as: 'alice', method: 'POST', path: `${RPC}/default/tag`, body: { params: { t: ['a', 'b', 'c'], meta: { kind: 'x' } } }, expect: { status: 200, match: { result: [{ n: 3, kind: 'x' }] } } },
  { name: 'fallback: SECURITY DEFINER (the guide\'s calculate_user_stats) sees past RLS', as: 'alice', method: 'POST', path: `${RPC}/default/calculate_user_stats`, body: { params: { user_uuid: USERS.bob } }, expect: { status: 200, match: { result: [{ total_posts: 1 }] } } },
  { name: 'fallback: void functions return no rows', as: 'alice', method: 'POST', path: `${RPC}/default/nothing_much`, body: {}, expect: { status: 200, match: { result: [], rows_returned: 0 } } },
  { name: 'fallback: RAISE EXCEPTION is a 400 with its hint', as: 'alice', method: 'POST', path: `${RPC}/default/boom`, body: {}, expect: { status: 400, error: /kaboom/, hint: /do not call boom/, match: { code: 'P0001', status: 'failed' } } },
  { name: 'fallback: wrong argument names: 400 listing signatures', as: 'alice', method: 'POST', path: `${RPC}/default/add`, body: { params: { x: 1 } }, expect: { status: 400, hint: /add\(a integer, b integer = default\)/ } },
  { name: 'fallback: a bad value is a 400', as: 'alice', method: 'POST', path: `${RPC}/default/add`, body: { params: { a: 'one' } }, expect: { status: 400, match: { code: '22P02' } } },
  { name: 'PostgREST-style /rpc/{name} means the default namespace', as: 'alice', method: 'POST', path: `${RPC}/add`, body: { a: 2, b: 2 }, expect: { status: 200, match: { result: [{ add: 4 }] } } },
]

describe('RPC calls', () => {
  for (const s of SCENARIOS) it(s.name, () => runScenario(rt, token, s))
})

describe('async executions and logs', () => {
  it('returns pending, then the execution completes with its result and logs (notices included)', async () => {
    const alice = await token('alice')
    const start = await rt.api(`${RPC}/default/noisy`, { method: 'POST', token: alice, body: JSON.stringify({ params: {}, async: true }) })
    expect(start.status).toBe(202)
    const { execution_id: id, status } = (await start.json()) as { execution_id: string; status: string }
    expect(status).toBe('pending')
    let execution: Record<string, unknown> = {}
    for (let i = 0; i < 50 && execution.status !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 50))
      execution = (await (await rt.api(`${RPC}/executions/${id}`, { token: alice })).json()) as Record<string, unknown>
    }
    expect(execution).toMatchObject({ id, status: 'completed', result: [{ noisy: 7 }], rows_returned: 1, is_async: true, user_id: USERS.alice })
    const logs = (await (await rt.api(`${RPC}/executions/${id}/logs`, { token: alice })).json()) as { logs: Array<{ line_number: number; level: string; message: string }>; count: number }
    expect(logs.logs.map((l) => `${l.level}: ${l.message}`)).toEqual([
      'info: Starting RPC execution: public.noisy()',
      'notice: step one',
      'warning: careful',
      'info: Query executed successfully. Rows returned: 1',
    ])
    const after = (await (await rt.api(`${RPC}/executions/${id}/logs?after=2`, { token: alice })).json()) as { count: number }
    expect(after.count).toBe(2)
    // Another user cannot see it; the service role can.
    expect((await rt.api(`${RPC}/executions/${id}`, { token: await token('bob') })).status).toBe(404)
    expect((await rt.api(`${RPC}/executions/${id}`)).status).toBe(200)
    // And it is in the tables too.
    await new Promise((r) => setTimeout(r, 200))
    const { rows } = await rt.admin.query('SELECT status, rows_returned FROM rpc.executions WHERE id = $1', [id])
    expect(rows).toEqual([{ status: 'completed', rows_returned: 1 }])
  })

  it('a failing async execution ends failed with the error', async () => {
    const alice = await token('alice')
    const { execution_id: id } = (await (await rt.api(`${RPC}/default/boom`, { method: 'POST', token: alice, body: JSON.stringify({ async: true }) })).json()) as { execution_id: string }
    let execution: Record<string, unknown> = {}
    for (let i = 0; i < 50 && (execution.status === undefined || execution.status === 'pending' || execution.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 50))
      execution = (await (await rt.api(`${RPC}/executions/${id}`, { token: alice })).json()) as Record<string, unknown>
    }
    expect(execution).toMatchObject({ status: 'failed', error_message: 'kaboom' })
  })
})

describe('registry', () => {
  it('lists the procedures each caller may call', async () => {
    const list = async (who: 'alice' | 'anon' | 'service') => ((await (await rt.api(`${RPC}/procedures`, { token: await token(who) })).json()) as { procedures: Array<{ namespace: string; name: string }> }).procedures.map((p) => `${p.namespace}/${p.name}`).sort()
    expect(await list('anon')).toEqual(['default/slow', 'default/whoami'])
    expect(await list('alice')).toEqual(['default/add_post', 'default/my_posts', 'default/slow', 'default/sneaky', 'default/whoami'])
    expect(await list('service')).toContain('admin/stats')
  })

  it('procedures can be created through the admin API, and only by the service role', async () => {
    const code = '-- @fluxbase:name hello\n-- @fluxbase:public true\nSELECT \'hello \' || $who AS greeting'
    expect((await rt.api('/api/v1/admin/rpc/procedures', { method: 'POST', token: await token('alice'), body: JSON.stringify({ code }) })).status).toBe(403)
    expect((await rt.api('/api/v1/admin/rpc/procedures', { method: 'POST', body: JSON.stringify({ code }) })).status).toBe(201)
    const res = await rt.api(`${RPC}/default/hello`, { method: 'POST', token: rt.info.anonKey, body: JSON.stringify({ params: { who: 'world' } }) })
    expect(await res.json()).toMatchObject({ result: [{ greeting: 'hello world' }] })
  })

  it('an admin can run a procedure as another user with X-Impersonation-Token', async () => {
    const res = await rt.api(`${RPC}/default/whoami`, { method: 'POST', headers: { 'X-Impersonation-Token': await token('bob') }, body: '{}' })
    expect(await res.json()).toMatchObject({ result: [{ id: USERS.bob }] })
    const refused = await rt.api(`${RPC}/default/whoami`, { method: 'POST', token: await token('alice'), headers: { 'X-Impersonation-Token': await token('bob') }, body: '{}' })
    expect(refused.status).toBe(403)
  })
})
