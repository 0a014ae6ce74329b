-- Portable indexes (H2 2.x and PostgreSQL 15).
-- claim: queued jobs by priority, then age.
CREATE INDEX jobs_claim ON jobs (state, priority, created_ms, seq);
-- renew, complete, fail, cancelRequested look a job up by its lease.
CREATE INDEX jobs_lease ON jobs (lease_id);
-- expireLeases scans running jobs by deadline.
CREATE INDEX jobs_lease_deadline ON jobs (state, lease_deadline);
-- list pages through jobs oldest first.
CREATE INDEX jobs_created ON jobs (created_ms, seq);
