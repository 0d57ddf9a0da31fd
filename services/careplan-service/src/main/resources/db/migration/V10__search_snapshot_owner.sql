-- The caller a search snapshot was made for: its pages are served only to the same caller, so a page link replayed
-- with another token cannot reveal what (or how much) the first caller could see.
alter table search_snapshot add column owner text not null default '';
