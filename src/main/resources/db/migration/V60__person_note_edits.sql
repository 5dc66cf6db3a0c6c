-- Notes can be corrected and deleted. Their author (a user) may change them, so the user is kept
-- beside the display name; notes written before this, or from the command line, have none and
-- only managers change them. A corrected note keeps when it was written and says when it was
-- last edited, so the timeline does not pass new words off as old ones.
ALTER TABLE person_note ADD COLUMN author_user_id BIGINT;
ALTER TABLE person_note ADD COLUMN edited_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE person_note ADD CONSTRAINT person_note_author_user
  FOREIGN KEY (author_user_id) REFERENCES app_user (id) ON DELETE SET NULL;
