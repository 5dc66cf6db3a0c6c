package dev.rapport.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool as the application sees it, counting the connections lent out so that the embedded
 * database's exit hook can let the work in flight finish before it shuts H2 down. Why: H2's
 * SHUTDOWN closes every session, and closing a session that another thread is using rolls its
 * transaction back and then commits whatever that thread's running statement writes next; a
 * `rapport simulate` stopped mid-batch once left rollups that disagreed with the ledger. Once
 * {@link #drain} has begun, no connection is lent any more. Thread-safe.
 */
final class LentConnections implements DataSource {

  private final DataSource pool;
  private final Object lock = new Object();
  private int lent; // guarded by lock
  private boolean draining; // guarded by lock

  LentConnections(DataSource pool) {
    this.pool = pool;
  }

  @Override
  public Connection getConnection() throws SQLException {
    reserve();
    try {
      return lend(pool.getConnection());
    } catch (SQLException | RuntimeException e) {
      giveBack();
      throw e;
    }
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    reserve();
    try {
      return lend(pool.getConnection(user, password));
    } catch (SQLException | RuntimeException e) {
      giveBack();
      throw e;
    }
  }

  /**
   * Refuses new connections, then waits up to {@code timeoutMillis} for the lent ones to come back.
   *
   * @return how many are still out (0 when every piece of work finished)
   */
  int drain(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    synchronized (lock) {
      draining = true;
      while (lent > 0) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          break;
        }
        lock.wait(left);
      }
      return lent;
    }
  }

  int lent() {
    synchronized (lock) {
      return lent;
    }
  }

  /** Counts a connection as lent before it is taken, so that a drain cannot miss it. */
  private void reserve() throws SQLException {
    synchronized (lock) {
      if (draining) {
        throw new SQLException("the database is closing: this process is stopping");
      }
      lent++;
    }
  }

  private Connection lend(Connection c) {
    AtomicBoolean returned = new AtomicBoolean();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")
                  && method.getParameterCount() == 0
                  && returned.compareAndSet(false, true)) {
                try {
                  c.close();
                } finally {
                  giveBack();
                }
                return null;
              }
              try {
                return method.invoke(c, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private void giveBack() {
    synchronized (lock) {
      lent--;
      lock.notifyAll();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || pool.isWrapperFor(iface);
  }
}
