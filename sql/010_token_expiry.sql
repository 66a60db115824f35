-- API tokens can be given an expiry (halo token add --days N, the users page); an expired token is refused like a
-- revoked one.
alter table api_tokens add column if not exists expires_at timestamptz;
