-- The authentic engagement of each person: the identity_activity rows of the person's authentic
-- identities (verdict real_person or influencer) combined into one row. Why: the truth summary and
-- the core group identity_activity by person, which on H2 means a primary-key lookup of every
-- active identity and a grouping of hundreds of thousands of rows (2.7 s at one million people);
-- with this table they are one pass over one narrow table, without grouping.
--
-- Written by the ledger (adds each batch's interactions of authentic identities to their persons'
-- rows) and rebuilt for the persons concerned when a verdict crosses the authentic line or a merge
-- or its undo moves identities between persons. Only persons with an authentic identity that
-- engaged have a row. The week mask is as in identity_activity: bit k of recent_weeks is week
-- last_week - k, and it is the OR of the person's identities' masks anchored on the latest week.
CREATE TABLE person_activity (
  person_id BIGINT PRIMARY KEY,
  workspace_id BIGINT NOT NULL,
  engagements BIGINT NOT NULL,
  first_engaged_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_engaged_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_week INTEGER NOT NULL,
  recent_weeks BIGINT NOT NULL
);

INSERT INTO person_activity (person_id, workspace_id, engagements, first_engaged_at,
    last_engaged_at, last_week, recent_weeks)
  SELECT i.person_id, MIN(a.workspace_id), SUM(a.engagements), MIN(a.first_engaged_at),
    MAX(a.last_engaged_at), MAX(a.last_week), 0
  FROM identity_activity a JOIN identity i ON i.id = a.identity_id
  WHERE i.verdict IN ('real_person', 'influencer')
  GROUP BY i.person_id;

-- The mask from the weeks themselves (identity_week holds the same interactions as the masks):
-- each distinct week of the person's authentic identities within 52 weeks of its last one, as its
-- bit, collected first so that the update sums plain values (H2 refuses an aggregate over an
-- expression that mixes the updated row's columns with the subquery's on a large table).
CREATE TABLE person_activity_bit (
  person_id BIGINT NOT NULL,
  bit BIGINT NOT NULL,
  PRIMARY KEY (person_id, bit)
);

INSERT INTO person_activity_bit (person_id, bit)
  SELECT DISTINCT p.person_id, CAST(POWER(2, p.last_week
      - CAST(FLOOR((EXTRACT(EPOCH FROM w.week_start) - 345600) / 604800) AS INTEGER)) AS BIGINT)
  FROM person_activity p
    JOIN identity i ON i.person_id = p.person_id
    JOIN identity_week w ON w.identity_id = i.id
  WHERE i.verdict IN ('real_person', 'influencer') AND w.n <> 0
    AND p.last_week
      - CAST(FLOOR((EXTRACT(EPOCH FROM w.week_start) - 345600) / 604800) AS INTEGER) BETWEEN 0 AND 51;

UPDATE person_activity SET recent_weeks = COALESCE(
  (SELECT SUM(b.bit) FROM person_activity_bit b WHERE b.person_id = person_activity.person_id), 0);

DROP TABLE person_activity_bit;

-- No secondary index: the truth passes scan the table (on H2 a scan of this narrow table beat a
-- range of a recency index that then fetches every row), and an index on last_engaged_at would
-- make every update of the ledger move an index entry (PostgreSQL could no longer update in place).
