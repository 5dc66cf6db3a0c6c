package dev.rapport.web;

import dev.rapport.store.Database;
import io.javalin.http.Context;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: is the process up and can it reach its database (one trivial query)?
 * Thread-safe.
 */
final class Health {

  private static final Logger LOG = LoggerFactory.getLogger(Health.class);

  private final Database database;

  Health(Database database) {
    this.database = database;
  }

  void get(Context ctx) {
    boolean up;
    try {
      up =
          database.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one())
              == 1;
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("cause", e.getMessage()).log("health check: database unreachable");
      up = false;
    }
    ctx.status(up ? 200 : 503)
        .json(Map.of("status", up ? "up" : "down", "database", up ? "up" : "down"));
  }
}
