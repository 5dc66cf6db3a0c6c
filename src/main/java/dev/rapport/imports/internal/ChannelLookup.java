package dev.rapport.imports.internal;

import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import java.util.List;
import java.util.Optional;

/** Finds a workspace's channel from what a CSV cell says: "handle" or "platform:handle". */
final class ChannelLookup {
  private final List<Channel> channels;

  ChannelLookup(List<Channel> channels) {
    this.channels = List.copyOf(channels);
  }

  Optional<Channel> find(String ref, Platform platformHint) {
    String platform = null;
    String handle = ref;
    int colon = ref.indexOf(':');
    if (colon > 0 && !ref.startsWith("did:")) {
      platform = ref.substring(0, colon);
      handle = ref.substring(colon + 1);
    }
    String h = strip(handle);
    for (Channel c : channels) {
      boolean platformOk =
          platform != null
              ? c.platform().code().equalsIgnoreCase(platform)
                  || (platform.equalsIgnoreCase("twitter") && c.platform() == Platform.X)
              : platformHint == null || c.platform() == platformHint;
      if (platformOk && strip(c.handle()).equalsIgnoreCase(h)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The only channel on a platform, when there is exactly one. */
  Optional<Channel> only(Platform p) {
    List<Channel> on = channels.stream().filter(c -> c.platform() == p).toList();
    return on.size() == 1 ? Optional.of(on.get(0)) : Optional.empty();
  }

  String known() {
    return channels.isEmpty()
        ? "the workspace has no channels yet"
        : "known channels: "
            + String.join(
                ", ", channels.stream().map(c -> c.platform().code() + ":" + c.handle()).toList());
  }

  private static String strip(String h) {
    return h.startsWith("@") ? h.substring(1) : h;
  }
}
