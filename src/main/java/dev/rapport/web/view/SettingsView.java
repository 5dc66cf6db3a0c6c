package dev.rapport.web.view;

import dev.rapport.publishing.BlockedDate;
import dev.rapport.publishing.Gate;
import dev.rapport.publishing.PublishingSettings;
import dev.rapport.publishing.Slot;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The workspace settings page.
 *
 * @param members empty unless the caller is a manager or owner
 * @param added the member just added with a new account, whose first password is shown once; or
 *     null
 * @param typed the form just refused, shown again as typed with the reasons; or {@link
 *     TypedForm#NONE}
 */
public record SettingsView(
    Workspace workspace,
    Role role,
    List<Channel> channels,
    Map<Long, List<Slot>> slots,
    List<BlockedDate> blocked,
    PublishingSettings publishing,
    List<Workspaces.Member> members,
    Added added,
    TypedForm typed) {

  public SettingsView {
    channels = List.copyOf(channels);
    slots = Map.copyOf(slots);
    blocked = List.copyOf(blocked);
    members = List.copyOf(members);
  }

  public boolean canEdit() {
    return role.atLeast(Role.MANAGER);
  }

  public boolean isOwner() {
    return role == Role.OWNER;
  }

  public String base() {
    return "/w/" + workspace.slug() + "/settings";
  }

  public String slotsText(Channel c) {
    return slots.getOrDefault(c.id(), List.of()).stream()
        .map(Slot::toString)
        .collect(Collectors.joining(", "));
  }

  public String list(List<String> values) {
    return String.join(", ", values);
  }

  public List<Gate> gates() {
    return Arrays.asList(Gate.values());
  }

  public String gateName(Gate g) {
    return GateNames.of(g);
  }

  /** The address of the section holding the refused form, for the summary's link. */
  public String refusedHref() {
    return "#" + typed.section();
  }

  public List<Role> roles() {
    return Arrays.asList(Role.values());
  }

  /** The roles this caller may give: owners any, managers viewer and author (see Members). */
  public List<Role> grantable() {
    return isOwner() ? roles() : List.of(Role.VIEWER, Role.AUTHOR);
  }

  /** Whether this caller may change or remove a member with {@code current}. */
  public boolean mayTouch(Role current) {
    return isOwner() || !current.atLeast(Role.MANAGER);
  }

  public String channelName(Long channelId) {
    if (channelId == null) {
      return "every channel";
    }
    return channels.stream()
        .filter(c -> c.id() == channelId)
        .map(this::label)
        .findFirst()
        .orElse("a removed channel");
  }

  /** How pages name a channel: "mastodon bakery@social". */
  public String label(Channel c) {
    return c.platform().code() + " " + c.handle();
  }

  /** A member added with a new account: the e-mail and the first password, shown once. */
  public record Added(String email, String password) {}
}
