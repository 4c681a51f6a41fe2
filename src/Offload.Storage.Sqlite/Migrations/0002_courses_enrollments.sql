-- Courses and enrollments, the other half of what mass actions act on (SPEC §2).
CREATE TABLE courses (
    id    INTEGER PRIMARY KEY,
    code  TEXT NOT NULL COLLATE NOCASE UNIQUE,
    title TEXT NOT NULL
);

CREATE TABLE enrollments (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    course_id   INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    enrolled_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, course_id)
) WITHOUT ROWID;

CREATE INDEX enrollments_by_course ON enrollments (course_id, user_id);
CREATE INDEX user_branches_by_branch ON user_branches (branch_id, user_id);
