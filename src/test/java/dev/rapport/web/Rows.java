package dev.rapport.web;

import dev.rapport.app.Rapport;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The row count of every table: a refused request must leave all of them as they were. */
final class Rows {

  private Rows() {}

  static Map<String, Long> count(Rapport r) {
    return r.database()
        .jdbi()
        .withHandle(
            h -> {
              List<String> tables =
                  h.createQuery(
                          "SELECT table_name FROM information_schema.tables"
                              + " WHERE LOWER(table_schema) = 'public'"
                              + " AND table_type IN ('BASE TABLE', 'TABLE')")
                      .mapTo(String.class)
                      .list();
              Map<String, Long> counts = new TreeMap<>();
              for (String t : tables) {
                counts.put(
                    t, h.createQuery("SELECT COUNT(*) FROM \"" + t + "\"").mapTo(Long.class).one());
              }
              return counts;
            });
  }
}
