package dev.rapport.platforms.bluesky.internal;

import dev.rapport.platforms.Account;
import java.util.Map;

/**
 * Authenticated XRPC for one account: takes the current session, and when the server refuses the
 * access token (expired early, revoked) renews the session once and repeats the call. A refused
 * token means the call was not processed, so repeating it is safe.
 */
public final class BlueskyApi {

  private final Xrpc xrpc;
  private final Sessions sessions;

  public BlueskyApi(Xrpc xrpc, Sessions sessions) {
    this.xrpc = xrpc;
    this.sessions = sessions;
  }

  public Sessions.Session session(Account account) {
    return sessions.current(account);
  }

  public XrpcResponse get(Account account, String nsid, Map<String, ?> params) {
    XrpcResponse r = xrpc.get(account.service(), nsid, params, session(account).accessJwt());
    if (r.tokenProblem()) {
      r = xrpc.get(account.service(), nsid, params, sessions.renew(account).accessJwt());
    }
    return r;
  }

  public XrpcResponse post(Account account, String nsid, Object body) {
    XrpcResponse r = xrpc.post(account.service(), nsid, body, session(account).accessJwt());
    if (r.tokenProblem()) {
      r = xrpc.post(account.service(), nsid, body, sessions.renew(account).accessJwt());
    }
    return r;
  }

  public XrpcResponse upload(Account account, byte[] bytes, String contentType) {
    String nsid = "com.atproto.repo.uploadBlob";
    XrpcResponse r =
        xrpc.postBytes(account.service(), nsid, bytes, contentType, session(account).accessJwt());
    if (r.tokenProblem()) {
      r =
          xrpc.postBytes(
              account.service(), nsid, bytes, contentType, sessions.renew(account).accessJwt());
    }
    return r;
  }

  /** An unauthenticated query (handle resolution, public records). */
  public XrpcResponse publicGet(Account account, String nsid, Map<String, ?> params) {
    return xrpc.get(account.service(), nsid, params, null);
  }
}
