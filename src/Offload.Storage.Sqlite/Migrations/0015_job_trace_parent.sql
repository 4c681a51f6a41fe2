-- The W3C traceparent of the request that created the job (issue 21), so the run — later, maybe on another node — is
-- linked to it in a trace; null when the request was not traced.
ALTER TABLE jobs ADD COLUMN trace_parent TEXT;
