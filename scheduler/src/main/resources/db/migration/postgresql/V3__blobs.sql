-- Blobs: payloads past the message limit (BlobService). An upload writes its chunks under its own
-- upload_id; only when every byte has arrived and its digest is known does a blobs row name them,
-- so a blob is never half there. blob_refs keeps a blob as long as a job refers to it.
CREATE TABLE blob_chunks (
    upload_id  VARCHAR(36) NOT NULL,
    seq        INTEGER     NOT NULL,
    data       BYTEA       NOT NULL,
    created_ms BIGINT      NOT NULL,
    PRIMARY KEY (upload_id, seq)
);
CREATE TABLE blobs (
    blob_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    upload_id  VARCHAR(36) NOT NULL,
    size       BIGINT      NOT NULL,
    chunk_size INTEGER     NOT NULL,
    created_ms BIGINT      NOT NULL
);
CREATE TABLE blob_refs (
    blob_id VARCHAR(64) NOT NULL,
    job_id  VARCHAR(36) NOT NULL,
    PRIMARY KEY (blob_id, job_id)
);
