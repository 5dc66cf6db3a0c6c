package dev.rapport.web.view;

import dev.rapport.platforms.Connections.ConnectionStatus;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import java.util.List;
import java.util.Map;

/** The channels of a workspace and the state of their platform connections. */
public record ChannelsView(
    Workspace workspace,
    Role role,
    List<Channel> channels,
    Map<Long, ConnectionStatus> connections) {

  public ChannelsView {
    channels = List.copyOf(channels);
    connections = Map.copyOf(connections);
  }

  public boolean canManage() {
    return role.atLeast(Role.MANAGER);
  }

  public ConnectionStatus connection(Channel c) {
    return connections.get(c.id());
  }

  public List<Platform> platforms() {
    return List.of(Platform.values());
  }

  public String base() {
    return "/w/" + workspace.slug() + "/settings/channels";
  }

  public String when(java.time.Instant t) {
    return t == null ? "—" : Figures.day(t, workspace.timeZone());
  }

  public String followers(Channel c) {
    return c.platformFollowers() == null ? "—" : Figures.count(c.platformFollowers());
  }
}
