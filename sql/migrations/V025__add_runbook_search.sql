-- Runbooks as code (kb load, the provisioning folder) and their hybrid retrieval.

-- A knowledge document is one file of a tenant's runbook folder: its source names the file, unique within the tenant,
-- and its content hash lets a reload skip an unchanged file and replace the chunks of a changed one.
ALTER TABLE kb_doc ADD COLUMN content_sha256 text;
ALTER TABLE kb_doc ADD CONSTRAINT kb_doc_source_uq UNIQUE (tenant_id, source);

-- A chunk is one section of its document; the section's heading is kept apart for display, and its words are indexed
-- for full-text search so that exact terms (a metric name, an exception class) match even where the embedding of the
-- whole passage is not near the query's.
ALTER TABLE kb_chunk ADD COLUMN section text NOT NULL DEFAULT '';
ALTER TABLE kb_chunk ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED;
CREATE INDEX kb_chunk_search_gin ON kb_chunk USING gin (search);
