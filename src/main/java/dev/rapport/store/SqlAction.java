package dev.rapport.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection inside a transaction, with no result. */
@FunctionalInterface
public interface SqlAction {
  void run(Connection connection) throws SQLException;
}
