package dev.rapport.web;

import dev.rapport.app.Rapport;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The real server on a free port over a fresh H2 database, with a fixed clock. */
final class TestServer implements AutoCloseable {

  static final Instant NOW = Instant.parse("2026-06-17T12:00:00Z"); // a Wednesday

  final Rapport rapport;
  final WebServer server;

  private TestServer(Rapport rapport, WebServer server) {
    this.rapport = rapport;
    this.server = server;
  }

  static TestServer start() {
    return start(WebSettings.of("127.0.0.1", 0));
  }

  static TestServer start(WebSettings settings) {
    return start(settings, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static TestServer start(WebSettings settings, Clock clock) {
    Rapport rapport = Rapport.on(TestDatabases.h2(), clock);
    return new TestServer(rapport, WebServer.start(rapport, settings));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  User user(String email, String password) {
    return rapport
        .workspaces()
        .createUser(
            email, email.substring(0, email.indexOf('@')), rapport.passwords().hash(password));
  }

  Workspace workspace(String slug, String name) {
    return rapport.workspaces().create(slug, name, ZoneId.of("UTC"), TargetAudience.NONE);
  }

  void grant(Workspace ws, User u, Role role) {
    rapport.workspaces().grant(ws.id(), u.id(), role);
  }

  Client client() {
    return new Client(this);
  }

  @Override
  public void close() {
    server.stop();
    rapport.close();
  }
}
