package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "workspace",
    description = "Create workspaces (one per brand or client), their channels and their users.",
    subcommands = {
      WorkspaceCommand.Create.class,
      WorkspaceCommand.ListAll.class,
      WorkspaceCommand.SetAudience.class,
      WorkspaceCommand.AddChannel.class,
      WorkspaceCommand.AddUser.class
    })
final class WorkspaceCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "create", description = "Create a workspace.")
  static final class Create implements Callable<Integer> {
    @Mixin DatabaseOption db;

    @Parameters(
        index = "0",
        paramLabel = "SLUG",
        description = "Short name used in URLs, e.g. lyon-bakery")
    String slug;

    @Parameters(
        index = "1",
        paramLabel = "NAME",
        description = "Display name, e.g. \"Lyon Bakery\"")
    String name;

    @Option(
        names = "--time-zone",
        defaultValue = "UTC",
        description = "e.g. Europe/Paris (default ${DEFAULT-VALUE})")
    String timeZone;

    @Option(names = "--audience", description = "Who the brand wants to reach, in a sentence")
    String audience;

    @Option(
        names = "--topics",
        split = ",",
        description = "Topics of the target audience, comma-separated")
    List<String> topics = List.of();

    @Option(names = "--languages", split = ",", description = "Languages, e.g. fr,en")
    List<String> languages = List.of();

    @Option(names = "--places", split = ",", description = "Places, e.g. Lyon,Villeurbanne")
    List<String> places = List.of();

    @Override
    public Integer call() {
      try (Rapport r = db.open()) {
        if (r.workspaces().bySlug(slug).isPresent()) {
          throw new CliException(ExitCodes.REJECTED, "workspace '" + slug + "' already exists");
        }
        Workspace w =
            r.workspaces()
                .create(
                    slug,
                    name,
                    ZoneId.of(timeZone),
                    new TargetAudience(audience, topics, languages, places));
        System.out.println("Created workspace " + w.slug() + " (" + w.name() + ").");
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "audience",
      description =
          "Declare (or change) who the workspace wants to reach: used by the relevant dimension"
              + " of the rubric, the target-fit of audits and the audience quality gate.")
  static final class SetAudience implements Callable<Integer> {
    @Mixin DatabaseOption db;

    @Parameters(index = "0", paramLabel = "SLUG")
    String slug;

    @Option(
        names = "--audience",
        required = true,
        description = "Who the brand wants to reach, in a sentence")
    String audience;

    @Option(
        names = "--topics",
        split = ",",
        description = "Topics of the target audience, comma-separated")
    List<String> topics = List.of();

    @Option(names = "--languages", split = ",", description = "Languages, e.g. fr,en")
    List<String> languages = List.of();

    @Option(names = "--places", split = ",", description = "Places, e.g. Lyon,Villeurbanne")
    List<String> places = List.of();

    @Override
    public Integer call() {
      if (audience.isBlank()) {
        throw new CliException(ExitCodes.USAGE, "--audience needs a sentence");
      }
      try (Rapport r = db.open()) {
        Workspace w = DatabaseOption.workspace(r, slug);
        r.workspaces()
            .updateAudience(w.id(), new TargetAudience(audience, topics, languages, places));
        System.out.println("Target audience of " + w.slug() + ": " + audience.strip());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", description = "List workspaces and their channels.")
  static final class ListAll implements Callable<Integer> {
    @Mixin DatabaseOption db;

    @Override
    public Integer call() {
      try (Rapport r = db.open()) {
        List<Workspace> all = r.workspaces().all();
        if (all.isEmpty()) {
          System.out.println(
              "No workspaces yet. Create one with: rapport workspace create SLUG \"Name\"");
        }
        for (Workspace w : all) {
          System.out.println(w.slug() + "  " + w.name());
          for (Channel c : r.workspaces().channels(w.id())) {
            System.out.println("    " + c.platform().code() + ":" + c.handle());
          }
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "add-channel", description = "Add the brand's account on a platform.")
  static final class AddChannel implements Callable<Integer> {
    @Mixin DatabaseOption db;

    @Parameters(index = "0", paramLabel = "WORKSPACE")
    String slug;

    @Parameters(
        index = "1",
        paramLabel = "PLATFORM",
        description = "mastodon, bluesky, x, instagram, facebook, threads, linkedin or nostr")
    String platform;

    @Parameters(
        index = "2",
        paramLabel = "HANDLE",
        description = "The account's handle, e.g. bakery.bsky.social")
    String handle;

    @Option(names = "--followers", description = "The follower count the platform shows")
    Long followers;

    @Option(names = "--posts-per-week", description = "The posting plan for this channel")
    Integer postsPerWeek;

    @Override
    public Integer call() {
      try (Rapport r = db.open()) {
        Workspace w = DatabaseOption.workspace(r, slug);
        Platform p;
        try {
          p = Platform.fromCode(platform);
        } catch (IllegalArgumentException e) {
          throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        Channel c = r.workspaces().addChannel(w.id(), p, handle, handle);
        if (followers != null || postsPerWeek != null) {
          r.workspaces().updateChannelPlan(c.id(), followers, postsPerWeek);
        }
        System.out.println("Added " + p.code() + ":" + handle + " to " + w.slug() + ".");
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "add-user",
      description =
          "Create a user (or give an existing one a role) in a workspace. The password is read from standard input.")
  static final class AddUser implements Callable<Integer> {
    @Mixin DatabaseOption db;

    @Parameters(index = "0", paramLabel = "WORKSPACE")
    String slug;

    @Parameters(index = "1", paramLabel = "EMAIL")
    String email;

    @Option(
        names = "--role",
        defaultValue = "owner",
        description = "owner, manager, author or viewer (default ${DEFAULT-VALUE})")
    String role;

    @Option(names = "--name", description = "Display name (default: the e-mail address)")
    String name;

    @Override
    public Integer call() throws IOException {
      try (Rapport r = db.open()) {
        Workspace w = DatabaseOption.workspace(r, slug);
        Role ro;
        try {
          ro = Role.fromCode(role);
        } catch (IllegalArgumentException e) {
          throw new CliException(
              ExitCodes.USAGE, "unknown role '" + role + "' (owner, manager, author, viewer)");
        }
        User u = r.workspaces().userByEmail(email).orElse(null);
        if (u == null) {
          char[] password = readPassword();
          if (new dev.rapport.workspace.PasswordPolicy()
                  .check(new String(password), java.util.Arrays.asList(email, name))
              instanceof dev.rapport.workspace.PasswordPolicy.Refused refused) {
            throw new CliException(ExitCodes.REJECTED, refused.reason());
          }
          u =
              r.workspaces()
                  .createUser(
                      email, name != null ? name : email, r.passwords().hash(new String(password)));
          Arrays.fill(password, ' ');
        }
        r.workspaces().grant(w.id(), u.id(), ro);
        System.out.println(u.email() + " is now " + ro.code() + " of " + w.slug() + ".");
      }
      return ExitCodes.OK;
    }

    private static char[] readPassword() throws IOException {
      if (System.console() != null) {
        char[] p = System.console().readPassword("Password for the new user: ");
        return p == null ? new char[0] : p;
      }
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? new char[0] : line.toCharArray();
    }
  }
}
