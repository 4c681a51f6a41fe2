-- A selection's preview counts every user a filter matches (issue 17): with id, active and role in one small
-- index, the count reads it alone (index-only, no heap) and, in id order, merge-joins it with a course's
-- enrollments (enrollments_by_course), where the table itself is several times wider.
CREATE INDEX users_selection ON users (id) INCLUDE (active, role);
