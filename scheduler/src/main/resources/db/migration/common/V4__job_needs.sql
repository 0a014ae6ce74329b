-- Placement and preemption (docs/operations.md "Scheduling"). Portable (H2 2.x and PostgreSQL).
-- need_ram / need_gpu: bytes the coordinator estimates the job needs (JobNeeds); a claim passes
-- the worker's free RAM and GPU memory and takes only jobs that fit.
ALTER TABLE jobs ADD COLUMN need_ram BIGINT NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN need_gpu BIGINT NOT NULL DEFAULT 0;
-- params: the parameter file the job loads ('' none); a claim may leave it to a worker that has it hot.
ALTER TABLE jobs ADD COLUMN params VARCHAR(256) NOT NULL DEFAULT '';
-- yields: how often the job gave its worker up to a CRITICAL one (preemption; not an attempt).
ALTER TABLE jobs ADD COLUMN yields INTEGER NOT NULL DEFAULT 0;
