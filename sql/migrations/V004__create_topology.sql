-- Topology over time, and the AGE graph holding the current topology for graph queries.

-- An edge between two resources valid over a half-open time range [from, to); an open upper bound means
-- "still present". The original design keyed the table on the range itself, which let overlapping
-- intervals of the same edge coexist; an exclusion constraint now forbids that.
CREATE TABLE topo_edge_time (
    edge_id         bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT topo_edge_time_pk PRIMARY KEY,
    tenant_id       bigint    NOT NULL CONSTRAINT topo_edge_time_tenant_fk REFERENCES dim_tenant (tenant_id),
    src_resource_id bigint    NOT NULL CONSTRAINT topo_edge_time_src_fk REFERENCES dim_resource (resource_id),
    dst_resource_id bigint    NOT NULL CONSTRAINT topo_edge_time_dst_fk REFERENCES dim_resource (resource_id),
    relation        text      NOT NULL,
    valid           tstzrange NOT NULL,
    source          text      NOT NULL,
    props           jsonb     NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT topo_edge_time_relation_ck CHECK (relation IN ('CALLS', 'CONNECTS_TO', 'RUNS_ON')),
    CONSTRAINT topo_edge_time_valid_ck CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
    CONSTRAINT topo_edge_time_no_overlap_ex EXCLUDE USING gist (
        tenant_id WITH =, src_resource_id WITH =, dst_resource_id WITH =, relation WITH =, valid WITH &&)
);
-- "Topology at time T" and "edges touching resource R at T".
CREATE INDEX topo_edge_time_at_ix ON topo_edge_time USING gist (tenant_id, valid);
CREATE INDEX topo_edge_time_dst_ix ON topo_edge_time USING gist (tenant_id, dst_resource_id, valid);
-- Open edges are what the ETL diffs each snapshot against.
CREATE INDEX topo_edge_time_open_ix ON topo_edge_time (tenant_id, relation, src_resource_id, dst_resource_id)
    WHERE upper_inf(valid);

-- The AGE graph "ops": Resource vertices (urn, tenant, type, name) and CALLS / CONNECTS_TO / RUNS_ON edges.
SELECT ag_catalog.create_graph('ops')
 WHERE NOT EXISTS (SELECT FROM ag_catalog.ag_graph WHERE name = 'ops');
SELECT ag_catalog.create_vlabel('ops', 'Resource');
SELECT ag_catalog.create_elabel('ops', 'CALLS');
SELECT ag_catalog.create_elabel('ops', 'CONNECTS_TO');
SELECT ag_catalog.create_elabel('ops', 'RUNS_ON');
-- Vertex lookups: AGE turns MATCH (n:Resource {tenant: .., urn: ..}) into properties @> {...}, which GIN serves.
CREATE INDEX resource_properties_gin ON ops."Resource" USING gin (properties);
