package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.app.Settings;
import dev.rapport.web.WebServer;
import dev.rapport.web.WebSettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Serve the web app and the REST API until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {

  @Mixin DatabaseOption db;

  @Option(names = "--port", description = "HTTP port (default: $RAPPORT_PORT or 8080)")
  Integer port;

  @Option(
      names = "--bind",
      description = "Interface to listen on (default: $RAPPORT_BIND or 127.0.0.1)")
  String bind;

  @Option(
      names = "--behind-tls",
      description =
          "People reach Rapport over HTTPS through a TLS-terminating proxy: cookies are marked"
              + " Secure (the session cookie gets the __Host- prefix) and every answer asks for"
              + " HTTPS (HSTS). Default: $RAPPORT_BEHIND_TLS or false.")
  Boolean behindTls;

  @Option(
      names = "--threads",
      description =
          "Requests served at once; more wait in line (default: $RAPPORT_HTTP_THREADS, or 16 on"
              + " up to 2 cores and 8 per core above).")
  Integer threads;

  @Override
  public Integer call() throws InterruptedException {
    Settings settings = db.settings();
    Rapport r = DatabaseOption.open(settings);
    boolean tls =
        behindTls != null
            ? behindTls
            : Boolean.parseBoolean(System.getenv().getOrDefault("RAPPORT_BEHIND_TLS", "false"));
    WebServer server = start(r, settings, port, bind, tls, threads);
    startDispatch(r, server);
    System.out.println(
        "Rapport is serving on http://" + host(settings, bind) + ":" + server.port() + "/");
    System.out.println("Database: " + settings.database().safeUrl());
    System.out.println("Stop with Ctrl-C.");
    waitForShutdown(server, r);
    return ExitCodes.OK;
  }

  static WebServer start(Rapport r, Settings settings, Integer port, String bind) {
    return start(r, settings, port, bind, false, null);
  }

  static WebServer start(
      Rapport r, Settings settings, Integer port, String bind, boolean behindTls, Integer threads) {
    WebSettings web;
    try {
      web =
          WebSettings.of(
                  bind != null ? bind : settings.bindAddress(),
                  port != null ? port : settings.port())
              .withSecureCookies(behindTls)
              .withRequestThreads(requestThreads(threads, System.getenv("RAPPORT_HTTP_THREADS")));
    } catch (IllegalArgumentException e) {
      r.close();
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
    try {
      return WebServer.start(r, web);
    } catch (RuntimeException e) {
      r.close();
      throw new CliException(
          ExitCodes.FAILURE,
          "cannot serve on "
              + web.bindAddress()
              + ":"
              + web.port()
              + ": "
              + rootMessage(e)
              + " (is another program using the port? try --port 8081)");
    }
  }

  /** The option, else the environment's value, else the default for this machine's cores. */
  static int requestThreads(Integer option, String environment) {
    if (option != null) {
      return option;
    }
    if (environment == null || environment.isBlank()) {
      return WebSettings.DEFAULT_REQUEST_THREADS;
    }
    try {
      return Integer.parseInt(environment.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "RAPPORT_HTTP_THREADS must be a number, got '" + environment + "'");
    }
  }

  /** Starts publishing scheduled posts on this node (serve and demo). */
  static void startDispatch(Rapport r, WebServer server) {
    try {
      r.startDispatch();
    } catch (RuntimeException e) {
      server.stop();
      r.close();
      throw new CliException(
          ExitCodes.FAILURE, "cannot start dispatch (publishing): " + rootMessage(e));
    }
    System.out.println("Dispatch: publishing scheduled posts on this node.");
  }

  static String host(Settings settings, String bind) {
    String b = bind != null ? bind : settings.bindAddress();
    return b.equals("0.0.0.0") || b.equals("127.0.0.1") ? "localhost" : b;
  }

  static void waitForShutdown(WebServer server, Rapport r) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    r.database().closedByOwnerAtExit();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  r.close();
                  stopped.countDown();
                }));
    stopped.await();
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
