package dev.rapport.platforms.testplatform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The test platform must treat a request cut short the way a real server does: a client killed
 * between writing its headers and its body has created nothing. The crash harness once counted 161
 * posts for 160 scheduled; a cut-off create stored with an empty text explains it.
 */
class TestPlatformServerTest {

  @Test
  void aCreateWhoseBodyNeverArrivesCreatesNothing() throws Exception {
    try (TestPlatformServer server = TestPlatformServer.start(false)) {
      send(server.uri(), "POST /posts HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n{\"text\":");
      send(server.uri(), "POST /posts HTTP/1.1\r\nHost: x\r\nContent-Len");
      send(server.uri(), "POST /posts HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n");
      String answer =
          send(
              server.uri(),
              "POST /posts HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n{\"text\":\"\"}");
      assertThat(answer).startsWith("HTTP/1.1 422");
      String ok =
          send(
              server.uri(),
              "POST /posts HTTP/1.1\r\nHost: x\r\nContent-Length: 14\r\n\r\n{\"text\":\"hi!\"}");
      assertThat(ok).startsWith("HTTP/1.1 200");
      assertThat(server.created())
          .extracting(TestPlatformServer.Created::text)
          .containsExactly("hi!");
    }
  }

  /** Writes the bytes, half-closes the connection, and returns what the server answered. */
  private static String send(URI uri, String request) throws Exception {
    try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
