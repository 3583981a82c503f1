-- 0104 — revocations made outside the API (the studio's SQL console, another process) reach the API's in-memory
-- session cache through NOTIFY fluxbase_auth. Deleting a user also leaves a tombstone (auth.deleted_users).

CREATE OR REPLACE FUNCTION auth.notify_session_revoked() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('fluxbase_auth', json_build_object('kind', 'session', 'id', OLD.id, 'user_id', OLD.user_id)::text);
  ELSIF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
    PERFORM pg_notify('fluxbase_auth', json_build_object('kind', 'session', 'id', NEW.id, 'user_id', NEW.user_id)::text);
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS sessions_notify_revoked ON auth.sessions;
CREATE TRIGGER sessions_notify_revoked AFTER UPDATE OF revoked_at OR DELETE ON auth.sessions
  FOR EACH ROW EXECUTE FUNCTION auth.notify_session_revoked();

-- SECURITY DEFINER: whoever deletes the user (the API, service_role over REST, the console) leaves the tombstone.
CREATE OR REPLACE FUNCTION auth.record_deleted_user() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
  AS $$
BEGIN
  INSERT INTO auth.deleted_users (id, email) VALUES (OLD.id, OLD.email)
    ON CONFLICT (id) DO UPDATE SET deleted_at = now(), email = EXCLUDED.email;
  PERFORM pg_notify('fluxbase_auth', json_build_object('kind', 'user_deleted', 'id', OLD.id)::text);
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION auth.record_deleted_user() FROM PUBLIC;

DROP TRIGGER IF EXISTS users_record_deleted ON auth.users;
CREATE TRIGGER users_record_deleted AFTER DELETE ON auth.users
  FOR EACH ROW EXECUTE FUNCTION auth.record_deleted_user();

CREATE OR REPLACE FUNCTION auth.notify_token_revoked() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM pg_notify('fluxbase_auth', json_build_object('kind', 'jti', 'id', NEW.jti, 'expires_at', NEW.expires_at)::text);
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS revoked_tokens_notify ON auth.revoked_tokens;
CREATE TRIGGER revoked_tokens_notify AFTER INSERT ON auth.revoked_tokens
  FOR EACH ROW EXECUTE FUNCTION auth.notify_token_revoked();
