-- The service a CLIENT or PRODUCER span called, as its peer.service attribute names it: a database or a cache sends no
-- spans of its own, so without it the diagnosis would charge the caller for the time the peer took.
ALTER TABLE trace_span ADD COLUMN peer_resource_id bigint;
