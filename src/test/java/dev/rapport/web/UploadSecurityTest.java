package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Follower-file uploads (ASVS 4.0.3 V12.1, V12.2): too large is refused before it is read, a file
 * that is not a follower file is refused with a plain reason and leaves nothing behind.
 */
class UploadSecurityTest {

  static final String PASSWORD = "correct horse battery staple";

  @Test
  void oversizedAndForeignFilesAreRefusedAndStoreNothing() {
    try (TestServer s = TestServer.start()) {
      Workspace ws = s.workspace("alpha", "Alpha");
      User u = s.user("ana@example.com", PASSWORD);
      s.grant(ws, u, Role.OWNER);
      String token = s.rapport.apiTokens().issue(ws.id(), u.id(), "t", Role.OWNER).token();

      byte[] tooLarge = new byte[(int) AudienceAudit.MAX_BYTES + 70_000];
      java.util.Arrays.fill(tooLarge, (byte) 'a');
      HttpResponse<String> big =
          s.client()
              .bearer(
                  "POST",
                  "/api/w/alpha/audits?filename=f.csv",
                  token,
                  "text/csv",
                  new String(tooLarge, java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(big.statusCode()).isEqualTo(413);
      assertThat(big.body()).contains("MiB");

      byte[] png = new byte[4096];
      new Random(7).nextBytes(png);
      System.arraycopy(
          new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
      Client c = s.client().signedIn("ana@example.com", PASSWORD);
      String csrf = Client.csrfOf(c.get("/w/alpha/audience").body()).orElseThrow();
      HttpResponse<String> foreign =
          c.upload("/w/alpha/audience/audits", Map.of("csrf", csrf), "file", "followers.png", png);
      assertThat(foreign.statusCode()).as(foreign.body()).isBetween(400, 499);
      assertThat(foreign.body()).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(s.rapport.audits().history(ws.id(), 10)).as("no audit stored").isEmpty();
    }
  }
}
