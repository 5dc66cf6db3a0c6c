package dev.rapport.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.store.Database;
import dev.rapport.store.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * The focus list read must be an index range whatever the audience: on H2 the plan reads the rank
 * index in list order (no sort of the workspace's items).
 */
class FocusPlanTest {

  @Test
  void theListIsReadInIndexOrder() {
    try (Database db = TestDatabases.h2()) {
      String plan =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery("EXPLAIN " + dev.rapport.people.internal.SqlFocusList.TOP)
                          .bind(0, 1L)
                          .bind(1, 50)
                          .mapTo(String.class)
                          .one());
      assertThat(plan).containsIgnoringCase("FOCUS_ITEM_RANK").containsIgnoringCase("index sorted");
    }
  }
}
