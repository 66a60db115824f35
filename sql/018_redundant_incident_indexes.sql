-- Every new incident writes every index of the table (issue 19: the inbound write path). Four of them are the
-- leading columns of a list index added later (sql/004: the same columns, then id, for keyset paging), which serves
-- the same look-ups; they cost each insert and answer nothing the longer index does not.
drop index if exists incidents_status_idx;
drop index if exists incidents_priority_idx;
drop index if exists incidents_category_idx;
drop index if exists incidents_kecamatan_idx;
