-- The people list counts the listed persons of a workspace as all its persons less the merged-away
-- ones: the first count reads only the workspace index, the second only this index's few
-- entries with a merged_into. Counting "merged_into IS NULL" directly read every person row
-- (0.3–0.5 s warm at a million persons on H2). Workspace first: H2 then uses both columns.
CREATE INDEX person_merged ON person (workspace_id, merged_into);
