-- The Fluxbase guide's row-level security patterns (shared/seed/fluxbase-advanced-guides.md), one schema each,
-- with a handful of users and rows, so a newcomer can explore them in the RLS simulator. Policy and function
-- bodies are the guide's, as written; the tables the guide leaves implicit are filled in, and grants are added
-- because the public schema is closed by default. Re-running it resets the examples (and only them).
--
-- Users:
--   alice  a1000000-0000-4000-8000-000000000001  org Acme,   admin,  manages bob
--   bob    b0000000-0000-4000-8000-000000000002  org Acme,   editor, manages erin
--   carol  c0000000-0000-4000-8000-000000000003  org Globex, viewer
--   dave   d0000000-0000-4000-8000-000000000004  no org, no role: a stranger
--   erin   e0000000-0000-4000-8000-000000000005  org Acme,   viewer, reports to bob
-- Organizations: Acme 0a000000-0000-4000-8000-0000000000a1, Globex 0b000000-0000-4000-8000-0000000000b2

-- ─── Pattern 1: user owns resource ───────────────────────────────────────────────────────────────────────────
DROP SCHEMA IF EXISTS guide_own CASCADE;
CREATE SCHEMA guide_own;
SET search_path = guide_own, public;

CREATE TABLE posts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID NOT NULL,
  title TEXT NOT NULL
);
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY "users_own_posts"
  ON posts
  FOR ALL
  USING (user_id::text = current_setting('app.user_id', true))
  WITH CHECK (user_id::text = current_setting('app.user_id', true));
CREATE INDEX idx_posts_user_id ON posts(user_id);
INSERT INTO posts (id, user_id, title) VALUES
  ('10000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'Alice''s first post'),
  ('10000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000001', 'Alice''s second post'),
  ('10000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000002', 'Bob''s post');

-- ─── Pattern 2: organization / team access ───────────────────────────────────────────────────────────────────
DROP SCHEMA IF EXISTS guide_org CASCADE;
CREATE SCHEMA guide_org;
SET search_path = guide_org, public;

CREATE TABLE users (
  id UUID PRIMARY KEY,
  email TEXT,
  organization_id UUID NOT NULL
);
CREATE TABLE posts (
  id UUID PRIMARY KEY,
  user_id UUID REFERENCES users(id),
  organization_id UUID NOT NULL,
  title TEXT
);
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY "organization_access"
  ON posts
  FOR SELECT
  USING (
    organization_id IN (
      SELECT organization_id FROM users
      WHERE id::text = current_setting('app.user_id', true)
    )
  );
INSERT INTO users VALUES
  ('a1000000-0000-4000-8000-000000000001', 'alice@acme.test', '0a000000-0000-4000-8000-0000000000a1'),
  ('b0000000-0000-4000-8000-000000000002', 'bob@acme.test', '0a000000-0000-4000-8000-0000000000a1'),
  ('c0000000-0000-4000-8000-000000000003', 'carol@globex.test', '0b000000-0000-4000-8000-0000000000b2'),
  ('e0000000-0000-4000-8000-000000000005', 'erin@acme.test', '0a000000-0000-4000-8000-0000000000a1');
INSERT INTO posts VALUES
  ('20000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-0000000000a1', 'Acme roadmap'),
  ('20000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000002', '0a000000-0000-4000-8000-0000000000a1', 'Acme launch notes'),
  ('20000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000003', '0b000000-0000-4000-8000-0000000000b2', 'Globex plans');

-- ─── Pattern 3: role-based access ────────────────────────────────────────────────────────────────────────────
DROP SCHEMA IF EXISTS guide_roles CASCADE;
CREATE SCHEMA guide_roles;
SET search_path = guide_roles, public;

CREATE TABLE users (id UUID PRIMARY KEY, email TEXT);
CREATE TABLE posts (id UUID PRIMARY KEY, user_id UUID REFERENCES users(id), title TEXT);
CREATE TABLE user_roles (
  user_id UUID REFERENCES users(id),
  role TEXT NOT NULL,  -- 'admin', 'editor', 'viewer'
  PRIMARY KEY (user_id, role)
);
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY "admin_see_all"
  ON posts
  FOR SELECT
  USING (
    EXISTS (
      SELECT 1 FROM user_roles
      WHERE user_id::text = current_setting('app.user_id', true)
      AND role = 'admin'
    )
  );
CREATE POLICY "editors_update_own"
  ON posts
  FOR UPDATE
  USING (
    user_id::text = current_setting('app.user_id', true) AND
    EXISTS (
      SELECT 1 FROM user_roles
      WHERE user_id::text = current_setting('app.user_id', true)
      AND role IN ('admin', 'editor')
    )
  );
INSERT INTO users VALUES
  ('a1000000-0000-4000-8000-000000000001', 'alice@acme.test'),
  ('b0000000-0000-4000-8000-000000000002', 'bob@acme.test'),
  ('c0000000-0000-4000-8000-000000000003', 'carol@globex.test');
INSERT INTO user_roles VALUES
  ('a1000000-0000-4000-8000-000000000001', 'admin'),
  ('b0000000-0000-4000-8000-000000000002', 'editor'),
  ('c0000000-0000-4000-8000-000000000003', 'viewer');
INSERT INTO posts VALUES
  ('30000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'Admin announcement'),
  ('30000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000002', 'Editor draft'),
  ('30000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000003', 'Viewer note');

-- ─── Pattern 4: hierarchical access ──────────────────────────────────────────────────────────────────────────
DROP SCHEMA IF EXISTS guide_team CASCADE;
CREATE SCHEMA guide_team;
SET search_path = guide_team, public;

CREATE TABLE users (id UUID PRIMARY KEY, email TEXT);
CREATE TABLE posts (id UUID PRIMARY KEY, user_id UUID REFERENCES users(id), title TEXT);
CREATE TABLE team_members (
  user_id UUID REFERENCES users(id),
  team_id UUID,
  manager_id UUID REFERENCES users(id)
);
CREATE OR REPLACE FUNCTION get_team_members(manager UUID)
RETURNS TABLE (user_id UUID) AS $$
  WITH RECURSIVE team_tree AS (
    -- Base case: direct reports
    SELECT user_id FROM team_members WHERE manager_id = manager
    UNION
    -- Recursive case: reports of reports
    SELECT tm.user_id FROM team_members tm
    INNER JOIN team_tree tt ON tm.manager_id = tt.user_id
  )
  SELECT user_id FROM team_tree;
$$ LANGUAGE sql STABLE;
-- The guide keeps everything in public; here the example lives in its own schema, so the function says where.
ALTER FUNCTION get_team_members(UUID) SET search_path = guide_team, public;
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY "hierarchical_access"
  ON posts
  FOR SELECT
  USING (
    user_id::text = current_setting('app.user_id', true) OR
    user_id IN (
      SELECT user_id FROM get_team_members(
        current_setting('app.user_id', true)::uuid
      )
    )
  );
INSERT INTO users VALUES
  ('a1000000-0000-4000-8000-000000000001', 'alice@acme.test'),
  ('b0000000-0000-4000-8000-000000000002', 'bob@acme.test'),
  ('c0000000-0000-4000-8000-000000000003', 'carol@globex.test'),
  ('e0000000-0000-4000-8000-000000000005', 'erin@acme.test');
INSERT INTO team_members VALUES
  ('b0000000-0000-4000-8000-000000000002', '7e000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001'),
  ('e0000000-0000-4000-8000-000000000005', '7e000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002');
INSERT INTO posts VALUES
  ('40000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'Alice (manager)'),
  ('40000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000002', 'Bob (reports to Alice)'),
  ('40000000-0000-4000-8000-000000000003', 'e0000000-0000-4000-8000-000000000005', 'Erin (reports to Bob)'),
  ('40000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000003', 'Carol (outside the team)');

-- ─── Pattern 5: time-based access ────────────────────────────────────────────────────────────────────────────
DROP SCHEMA IF EXISTS guide_time CASCADE;
CREATE SCHEMA guide_time;
SET search_path = guide_time, public;

CREATE TABLE posts (id UUID PRIMARY KEY, user_id UUID, title TEXT, published BOOLEAN NOT NULL DEFAULT false);
ALTER TABLE posts ADD COLUMN publish_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY "time_based_access"
  ON posts
  FOR SELECT
  USING (
    published = true AND
    (publish_at IS NULL OR publish_at <= NOW()) AND
    user_id::text = current_setting('app.user_id', true)
  );
INSERT INTO posts VALUES
  ('50000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'Published', true, NULL),
  ('50000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000001', 'Embargoed until 2999', true, '2999-01-01T00:00:00Z'),
  ('50000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000001', 'Draft', false, NULL),
  ('50000000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000001', 'Went live in 2020', true, '2020-01-01T00:00:00Z');

-- ─── Pattern 6: shared resources ─────────────────────────────────────────────────────────────────────────────
DROP SCHEMA IF EXISTS guide_shared CASCADE;
CREATE SCHEMA guide_shared;
SET search_path = guide_shared, public;

CREATE TABLE users (id UUID PRIMARY KEY, email TEXT);
CREATE TABLE documents (id UUID PRIMARY KEY, owner_id UUID REFERENCES users(id), title TEXT);
CREATE TABLE document_shares (
  document_id UUID REFERENCES documents(id),
  shared_with_user_id UUID REFERENCES users(id),
  permission TEXT DEFAULT 'view',  -- 'view', 'edit', 'admin'
  PRIMARY KEY (document_id, shared_with_user_id)
);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY "shared_document_access"
  ON documents
  FOR SELECT
  USING (
    owner_id::text = current_setting('app.user_id', true) OR
    id IN (
      SELECT document_id FROM document_shares
      WHERE shared_with_user_id::text = current_setting('app.user_id', true)
    )
  );
CREATE POLICY "shared_document_edit"
  ON documents
  FOR UPDATE
  USING (
    owner_id::text = current_setting('app.user_id', true) OR
    id IN (
      SELECT document_id FROM document_shares
      WHERE shared_with_user_id::text = current_setting('app.user_id', true)
      AND permission IN ('edit', 'admin')
    )
  );
INSERT INTO users VALUES
  ('a1000000-0000-4000-8000-000000000001', 'alice@acme.test'),
  ('b0000000-0000-4000-8000-000000000002', 'bob@acme.test'),
  ('c0000000-0000-4000-8000-000000000003', 'carol@globex.test');
INSERT INTO documents VALUES
  ('60000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'Alice''s plan (shared with Bob to edit, Carol to view)'),
  ('60000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000001', 'Alice''s diary (not shared)'),
  ('60000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000002', 'Bob''s notes');
INSERT INTO document_shares VALUES
  ('60000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002', 'edit'),
  ('60000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000003', 'view');

-- ─── Soft deletes with a view ────────────────────────────────────────────────────────────────────────────────
DROP SCHEMA IF EXISTS guide_soft_delete CASCADE;
CREATE SCHEMA guide_soft_delete;
SET search_path = guide_soft_delete, public;

CREATE TABLE users (id UUID PRIMARY KEY, email TEXT);
CREATE TABLE posts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  title TEXT NOT NULL,
  content TEXT,
  status TEXT NOT NULL DEFAULT 'draft',
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  created_by UUID REFERENCES users(id),
  updated_by UUID REFERENCES users(id),
  deleted_at TIMESTAMPTZ,
  deleted_by UUID REFERENCES users(id)
);
CREATE OR REPLACE FUNCTION soft_delete()
RETURNS TRIGGER AS $$
BEGIN
  -- Instead of deleting, update deleted_at
  UPDATE posts
  SET
    deleted_at = NOW(),
    deleted_by = NULLIF(current_setting('app.user_id', true), '')::UUID
  WHERE id = OLD.id;

  -- Prevent actual deletion
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
ALTER FUNCTION soft_delete() SET search_path = guide_soft_delete, public;
CREATE TRIGGER posts_soft_delete
  BEFORE DELETE ON posts
  FOR EACH ROW EXECUTE FUNCTION soft_delete();
CREATE VIEW active_posts AS
SELECT * FROM posts WHERE deleted_at IS NULL;
INSERT INTO users VALUES
  ('a1000000-0000-4000-8000-000000000001', 'alice@acme.test'),
  ('b0000000-0000-4000-8000-000000000002', 'bob@acme.test');
INSERT INTO posts (id, title, created_by) VALUES
  ('70000000-0000-4000-8000-000000000001', 'Kept', 'a1000000-0000-4000-8000-000000000001'),
  ('70000000-0000-4000-8000-000000000002', 'Deleted earlier', 'a1000000-0000-4000-8000-000000000001');
UPDATE posts SET deleted_at = '2026-01-01T00:00:00Z', deleted_by = 'a1000000-0000-4000-8000-000000000001' WHERE id = '70000000-0000-4000-8000-000000000002';

-- ─── SECURITY DEFINER helper for complex checks ──────────────────────────────────────────────────────────────
DROP SCHEMA IF EXISTS guide_definer CASCADE;
CREATE SCHEMA guide_definer;
SET search_path = guide_definer, public;

CREATE TABLE posts (id UUID PRIMARY KEY, user_id UUID, title TEXT, visibility TEXT NOT NULL DEFAULT 'private');
-- The guide leaves the body as "complex access logic here"; this one reads a table the caller cannot.
CREATE TABLE post_acl (post_id UUID, user_id UUID);
CREATE OR REPLACE FUNCTION can_access_post(post_id UUID)
RETURNS BOOLEAN AS $$
  SELECT EXISTS (SELECT 1 FROM guide_definer.posts p WHERE p.id = post_id AND p.visibility = 'public')
      OR EXISTS (SELECT 1 FROM guide_definer.post_acl a WHERE a.post_id = can_access_post.post_id
                   AND a.user_id::text = current_setting('app.user_id', true));
$$ LANGUAGE sql STABLE SECURITY DEFINER;
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY "complex_access"
  ON posts FOR SELECT
  USING (can_access_post(id));
INSERT INTO posts VALUES
  ('80000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', 'Public post', 'public'),
  ('80000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000001', 'Private, shared with Bob', 'private'),
  ('80000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000001', 'Private', 'private');
INSERT INTO post_acl VALUES ('80000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000002');

-- ─── Grants: the API's roles reach the examples only through these (and the policies) ───────────────────────
RESET search_path;
GRANT USAGE ON SCHEMA guide_own, guide_org, guide_roles, guide_team, guide_time, guide_shared, guide_soft_delete, guide_definer
  TO anon, authenticated, service_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA
  guide_own, guide_org, guide_roles, guide_team, guide_time, guide_shared, guide_definer TO authenticated;
GRANT SELECT, INSERT, UPDATE ON guide_soft_delete.active_posts TO authenticated;
-- Deleting goes to the table, whose trigger turns it into an update of the two soft-delete columns.
GRANT DELETE, SELECT (id), UPDATE (deleted_at, deleted_by) ON guide_soft_delete.posts TO authenticated;
REVOKE ALL ON guide_definer.post_acl FROM authenticated;
GRANT ALL ON ALL TABLES IN SCHEMA
  guide_own, guide_org, guide_roles, guide_team, guide_time, guide_shared, guide_soft_delete, guide_definer TO service_role;
