-- Knowledge base for retrieval: documents (runbooks, postmortems) split into embedded chunks.
-- The embedding dimension is a Flyway placeholder (embedding_dim), fixed when the database is created.

-- A knowledge document.
CREATE TABLE kb_doc (
    doc_id     bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT kb_doc_pk PRIMARY KEY,
    tenant_id  bigint      NOT NULL CONSTRAINT kb_doc_tenant_fk REFERENCES dim_tenant (tenant_id),
    source     text        NOT NULL,
    title      text        NOT NULL,
    url        text,
    metadata   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One embedded chunk of a document.
CREATE TABLE kb_chunk (
    chunk_id  bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT kb_chunk_pk PRIMARY KEY,
    doc_id    bigint NOT NULL CONSTRAINT kb_chunk_doc_fk REFERENCES kb_doc (doc_id) ON DELETE CASCADE,
    chunk_idx integer NOT NULL,
    content   text   NOT NULL,
    embedding public.vector(${embedding_dim}) NOT NULL,
    metadata  jsonb  NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT kb_chunk_position_uq UNIQUE (doc_id, chunk_idx)
);
CREATE INDEX kb_chunk_metadata_gin ON kb_chunk USING gin (metadata);
CREATE INDEX kb_chunk_embedding_hnsw ON kb_chunk USING hnsw (embedding public.vector_cosine_ops);
