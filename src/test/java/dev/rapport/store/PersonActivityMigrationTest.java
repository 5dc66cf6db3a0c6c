package dev.rapport.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database written before V55 gets each person's authentic activity when it is upgraded: the
 * identity_activity rows of the person's authentic identities combined (count summed, first and
 * last the extremes, the week mask the union of their weeks), suspicious identities left out, and
 * no row for a person without an authentic identity that engaged.
 */
class PersonActivityMigrationTest {

  static List<DatabaseSettings> settings() {
    return TestDatabases.freshSettings();
  }

  @ParameterizedTest
  @MethodSource("settings")
  void authenticIdentitiesOfEachPersonAreCombined(DatabaseSettings s) throws SQLException {
    try {
      try (Connection c = TestDatabases.migratedTo(s, "54");
          Statement st = c.createStatement()) {
        String t0 = "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'";
        st.execute(
            "INSERT INTO workspace (id, slug, name, time_zone, created_at) VALUES (1, 'w', 'W',"
                + " 'UTC', "
                + t0
                + ")");
        st.execute(
            "INSERT INTO person (id, workspace_id, stage, created_at) VALUES (1, 1, 'regular', "
                + t0
                + "), (2, 1, 'engager', "
                + t0
                + "), (3, 1, 'follower', "
                + t0
                + "), (4, 1, 'engager', "
                + t0
                + ")");
        // Person 1: a real person's account (weeks 2967 and 2965), an influencer account (weeks
        // 2966 and 2965) and a suspicious one (week 2968, later than the others: it must not
        // move the person's last week). Person 2: only a suspicious account. Person 3: an
        // authentic account that never engaged.
        st.execute(
            "INSERT INTO identity (id, workspace_id, person_id, platform, platform_user_id,"
                + " verdict, follows, created_at) VALUES (10, 1, 1, 'mastodon', 'a',"
                + " 'real_person', TRUE, "
                + t0
                + "), (11, 1, 1, 'bluesky', 'b', 'influencer', FALSE, "
                + t0
                + "), (12, 1, 1, 'nostr', 'c', 'suspicious', FALSE, "
                + t0
                + "), (13, 1, 2, 'mastodon', 'd', 'suspicious', TRUE, "
                + t0
                + "), (14, 1, 3, 'mastodon', 'e', 'real_person', TRUE, "
                + t0
                + "), (15, 1, 4, 'mastodon', 'f', 'real_person', TRUE, "
                + t0
                + ")");
        st.execute(
            "INSERT INTO identity_week (identity_id, week_start, workspace_id, n) VALUES"
                + " (10, DATE '2026-11-16', 1, 3), (10, DATE '2026-11-02', 1, 2),"
                + " (11, DATE '2026-11-09', 1, 1), (11, DATE '2026-11-02', 1, 1),"
                + " (12, DATE '2026-11-23', 1, 4), (13, DATE '2026-11-16', 1, 9),"
                + " (15, DATE '2026-11-09', 1, 1)");
        st.execute(
            "INSERT INTO identity_activity (identity_id, workspace_id, engagements,"
                + " first_engaged_at, last_engaged_at, last_week, recent_weeks) VALUES"
                + " (10, 1, 5, TIMESTAMP WITH TIME ZONE '2026-11-03 08:00:00+00', TIMESTAMP WITH"
                + " TIME ZONE '2026-11-18 09:30:00+00', 2967, 5),"
                + " (11, 1, 2, TIMESTAMP WITH TIME ZONE '2026-11-02 07:00:00+00', TIMESTAMP WITH"
                + " TIME ZONE '2026-11-10 12:00:00+00', 2966, 3),"
                + " (12, 1, 4, TIMESTAMP WITH TIME ZONE '2026-11-23 01:00:00+00', TIMESTAMP WITH"
                + " TIME ZONE '2026-11-24 01:00:00+00', 2968, 1),"
                + " (13, 1, 9, TIMESTAMP WITH TIME ZONE '2026-11-16 01:00:00+00', TIMESTAMP WITH"
                + " TIME ZONE '2026-11-17 01:00:00+00', 2967, 1),"
                + " (15, 1, 1, TIMESTAMP WITH TIME ZONE '2026-11-10 01:00:00+00', TIMESTAMP WITH"
                + " TIME ZONE '2026-11-10 01:00:00+00', 2966, 1)");
      }
      try (Rapport r = Rapport.on(Database.open(s), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))) {
        List<Map<String, Object>> rows =
            r.database()
                .jdbi()
                .withHandle(
                    h ->
                        h.createQuery(
                                "SELECT person_id, engagements, first_engaged_at,"
                                    + " last_engaged_at, last_week, recent_weeks FROM"
                                    + " person_activity ORDER BY person_id")
                            .mapToMap()
                            .list());
        assertThat(rows).hasSize(2);
        Map<String, Object> row = rows.get(0);
        assertThat(((Number) row.get("person_id")).longValue()).isEqualTo(1);
        // 5 + 2; the suspicious account's 4 are not the person's authentic engagement.
        assertThat(((Number) row.get("engagements")).longValue()).isEqualTo(7);
        assertThat(instant(row.get("first_engaged_at")))
            .isEqualTo(Instant.parse("2026-11-02T07:00:00Z"));
        assertThat(instant(row.get("last_engaged_at")))
            .isEqualTo(Instant.parse("2026-11-18T09:30:00Z"));
        // Weeks 2967 (bit 0), 2966 (bit 1) and 2965 (bit 2, in both accounts).
        assertThat(((Number) row.get("last_week")).intValue()).isEqualTo(2967);
        assertThat(((Number) row.get("recent_weeks")).longValue()).isEqualTo(0b111L);
        // Person 4: one account, one week.
        Map<String, Object> other = rows.get(1);
        assertThat(((Number) other.get("person_id")).longValue()).isEqualTo(4);
        assertThat(((Number) other.get("engagements")).longValue()).isEqualTo(1);
        assertThat(((Number) other.get("last_week")).intValue()).isEqualTo(2966);
        assertThat(((Number) other.get("recent_weeks")).longValue()).isEqualTo(1L);
      }
    } finally {
      if (s.schema() != null) {
        TestDatabases.dropSchema(s);
      }
    }
  }

  private static Instant instant(Object value) {
    return value instanceof OffsetDateTime t
        ? t.toInstant()
        : ((java.sql.Timestamp) value).toInstant();
  }
}
