-- The contact directory (通讯录) moves into the database, so that an edit made on one terminal is
-- seen on all of them and is audited like any other record. It is seeded from unit.toml's
-- [[contact]] entries the first time the database is opened with an empty directory.
CREATE TABLE contact (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    level         TEXT    NOT NULL,
    org           TEXT    NOT NULL DEFAULT '',
    phone         TEXT    NOT NULL DEFAULT '',
    fax           TEXT    NOT NULL DEFAULT '',
    last_verified TEXT    NOT NULL,            -- local date YYYY-MM-DD
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    updated_by    TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX contact_name ON contact (name);
