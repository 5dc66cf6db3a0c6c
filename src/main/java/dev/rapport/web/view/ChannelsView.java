package dev.rapport.web.view;

import dev.rapport.platforms.Connections.ConnectionStatus;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import java.util.List;
import java.util.Map;

/**
 * The channels of a workspace and the state of their platform connections.
 *
 * @param typed the form just refused ({@code add-channel}, {@code connect-ID}), shown again as
 *     typed with the reason; or {@link TypedForm#NONE}
 */
public record ChannelsView(
    Workspace workspace,
    Role role,
    List<Channel> channels,
    Map<Long, ConnectionStatus> connections,
    TypedForm typed) {

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

  /** The connect form of a channel, as {@link TypedForm} names it. */
  public String connectForm(Channel c) {
    return "connect-" + c.id();
  }

  public String followers(Channel c) {
    return c.platformFollowers() == null ? "—" : Figures.count(c.platformFollowers());
  }
}
