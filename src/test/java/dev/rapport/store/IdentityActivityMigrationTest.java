package dev.rapport.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database written before V54 keeps every identity's engagement summary when it is upgraded: the
 * count and times move to identity_activity, the week mask is built from identity_week (only the 52
 * weeks up to the last one), and identities that never engaged get no row.
 */
class IdentityActivityMigrationTest {

  static List<DatabaseSettings> settings() {
    return TestDatabases.freshSettings();
  }

  @ParameterizedTest
  @MethodSource("settings")
  void summariesAndWeekMasksSurviveTheUpgrade(DatabaseSettings s) throws SQLException {
    try {
      try (Connection c = TestDatabases.migratedTo(s, "53");
          Statement st = c.createStatement()) {
        st.execute(
            "INSERT INTO workspace (id, slug, name, time_zone, created_at) VALUES (1, 'w', 'W',"
                + " 'UTC', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00')");
        st.execute(
            "INSERT INTO person (id, workspace_id, stage, created_at) VALUES (1, 1, 'engager',"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'), (2, 1, 'follower',"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00')");
        // Identity 10 engaged in the weeks of 2026-11-16 (its last), 2026-11-02 and, 60 weeks
        // earlier than its last, 2025-09-15 (beyond the mask's reach); identity 11 never did.
        st.execute(
            "INSERT INTO identity (id, workspace_id, person_id, platform, platform_user_id,"
                + " verdict, follows, first_engaged_at, last_engaged_at, engagements, created_at)"
                + " VALUES (10, 1, 1, 'mastodon', 'a', 'real_person', TRUE, TIMESTAMP WITH TIME"
                + " ZONE '2025-09-16 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-18"
                + " 09:30:00+00', 6, TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00'), (11, 1,"
                + " 2, 'mastodon', 'b', 'real_person', TRUE, NULL, NULL, 0, TIMESTAMP WITH TIME"
                + " ZONE '2025-01-01 00:00:00+00')");
        st.execute(
            "INSERT INTO identity_week (identity_id, week_start, workspace_id, n) VALUES (10,"
                + " DATE '2026-11-16', 1, 3), (10, DATE '2026-11-02', 1, 2), (10, DATE"
                + " '2025-09-15', 1, 1)");
      }
      try (Rapport r = Rapport.on(Database.open(s), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))) {
        List<Map<String, Object>> rows =
            r.database()
                .jdbi()
                .withHandle(
                    h ->
                        h.createQuery(
                                "SELECT identity_id, engagements, last_week, recent_weeks FROM"
                                    + " identity_activity ORDER BY identity_id")
                            .mapToMap()
                            .list());
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(((Number) row.get("identity_id")).longValue()).isEqualTo(10);
        assertThat(((Number) row.get("engagements")).longValue()).isEqualTo(6);
        // Week of 2026-11-16 is week 2967 since Monday 1970-01-05; 2026-11-02 is two weeks
        // earlier (bit 2); 2025-09-15 is 61 weeks earlier, out of the 52-week mask.
        assertThat(((Number) row.get("last_week")).intValue()).isEqualTo(2967);
        assertThat(((Number) row.get("recent_weeks")).longValue()).isEqualTo(0b101L);
        assertThat(r.people().identity(1, 10).orElseThrow().engagements()).isEqualTo(6);
      }
    } finally {
      if (s.schema() != null) {
        TestDatabases.dropSchema(s);
      }
    }
  }
}
