-- dutywatch schema: the issue number of a written report (issue 19).
--
-- A 信息专报 goes out under a number of its own: 〔2026〕7期, counted per unit and per year (GB/T
-- 9704-2012 §7.2.3 calls it the 发文字号; watch rooms number their 信息专报 by year). The number is
-- given when the written report is RECORDED (a report sent by fax, system or other written means),
-- in the same transaction, so exporting a document never writes to the database and every copy of a
-- report carries the same number. One database file is one unit: the count runs over the file.
-- Reports recorded before this migration keep NULL (the audit check requires a column a migration
-- adds to hold its default until a snapshot includes it); their documents leave the number blank.
ALTER TABLE report ADD COLUMN issue_year INTEGER;
ALTER TABLE report ADD COLUMN issue_no INTEGER;
CREATE UNIQUE INDEX IF NOT EXISTS report_issue ON report (issue_year, issue_no) WHERE issue_no IS NOT NULL;
