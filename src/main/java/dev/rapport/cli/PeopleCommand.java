package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.people.Directory;
import dev.rapport.people.Dossier;
import dev.rapport.people.MergeOutcome;
import dev.rapport.people.MergeSuggestion;
import dev.rapport.people.Stages;
import dev.rapport.people.UndoOutcome;
import dev.rapport.workspace.Workspace;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "people",
    description =
        "Persons across platforms: merge, undo, suggestions, notes, tags, stages, export.",
    subcommands = {
      PeopleCommand.Show.class,
      PeopleCommand.Merge.class,
      PeopleCommand.Undo.class,
      PeopleCommand.Suggest.class,
      PeopleCommand.Note.class,
      PeopleCommand.Tag.class,
      PeopleCommand.RecomputeStages.class,
      PeopleCommand.Export.class
    })
public final class PeopleCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The workspace option every subcommand shares. */
  static final class Target {
    @Mixin DatabaseOption db;

    @Option(
        names = {"-w", "--workspace"},
        required = true,
        description = "Workspace slug")
    String workspace;
  }

  @Command(
      name = "show",
      description = "A person: identities, stage history, tags, notes, timeline.")
  static final class Show implements Callable<Integer> {
    @Mixin Target t;

    @Parameters(index = "0", paramLabel = "PERSON", description = "Person id")
    long person;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    OutputFormat format;

    @Override
    public Integer call() {
      try (Rapport r = t.db.open()) {
        Workspace w = DatabaseOption.workspace(r, t.workspace);
        Dossier d = dossier(r, w, person);
        if (format == OutputFormat.json) {
          System.out.println(Json.write(d));
        } else {
          text(System.out, d);
        }
      }
      return ExitCodes.OK;
    }

    static void text(PrintStream out, Dossier d) {
      out.printf(
          "Person %d — %s (%s)%n",
          d.person().id(), d.person().displayName(), d.person().stage().code());
      d.identities()
          .forEach(
              i ->
                  out.printf(
                      "  %s @%s, %s, %d interactions%n",
                      i.platform().code(), i.handle(), i.verdict().label(), i.engagements()));
      if (!d.tags().isEmpty()) {
        out.println("  tags: " + String.join(", ", d.tags()));
      }
      d.stages()
          .forEach(
              s ->
                  out.printf(
                      "  %s  %s → %s: %s%n", s.at(), s.from().code(), s.to().code(), s.reason()));
      out.println("Timeline (newest first):");
      d.timeline().stream().limit(30).forEach(e -> out.printf("  %s  %s%n", e.at(), e.summary()));
    }
  }

  static Dossier dossier(Rapport r, Workspace w, long person) {
    return Dossier.of(
            r.people(),
            r.notes(),
            r.stages(),
            r.merges(),
            r.timeline(),
            w.id(),
            person,
            r.clock().instant().plusSeconds(1))
        .orElseThrow(() -> new CliException(ExitCodes.NOT_FOUND, "no person " + person + " here"));
  }

  @Command(name = "merge", description = "Merge the second person into the first.")
  static final class Merge implements Callable<Integer> {
    @Mixin Target t;

    @Parameters(index = "0", paramLabel = "KEEP", description = "Person id that stays")
    long keep;

    @Parameters(index = "1", paramLabel = "ABSORB", description = "Person id merged into KEEP")
    long absorb;

    @Option(names = "--reason", description = "Why, for the merge log")
    String reason;

    @Override
    public Integer call() {
      try (Rapport r = t.db.open()) {
        Workspace w = DatabaseOption.workspace(r, t.workspace);
        MergeOutcome out = r.merges().merge(w.id(), keep, absorb, reason, r.clock().instant());
        if (out instanceof MergeOutcome.Refused no) {
          throw new CliException(ExitCodes.REJECTED, no.reason());
        }
        MergeOutcome.Merged m = (MergeOutcome.Merged) out;
        System.out.printf(
            "Merged person %d into %d (merge #%d, %d identities moved). Undo with: rapport"
                + " people undo -w %s %d%n",
            absorb, keep, m.mergeId(), m.identitiesMoved(), w.slug(), m.mergeId());
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "undo", description = "Undo a merge.")
  static final class Undo implements Callable<Integer> {
    @Mixin Target t;

    @Parameters(index = "0", paramLabel = "MERGE", description = "Merge id")
    long merge;

    @Override
    public Integer call() {
      try (Rapport r = t.db.open()) {
        Workspace w = DatabaseOption.workspace(r, t.workspace);
        UndoOutcome out = r.merges().undo(w.id(), merge, r.clock().instant());
        if (out instanceof UndoOutcome.Refused no) {
          throw new CliException(ExitCodes.REJECTED, no.reason());
        }
        System.out.printf(
            "Undid merge #%d: person %d is back.%n",
            merge, ((UndoOutcome.Undone) out).restoredPersonId());
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "suggest", description = "Persons that look like the same human.")
  static final class Suggest implements Callable<Integer> {
    @Mixin Target t;

    @Option(
        names = "--limit",
        defaultValue = "20",
        description = "How many (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    OutputFormat format;

    @Override
    public Integer call() {
      try (Rapport r = t.db.open()) {
        Workspace w = DatabaseOption.workspace(r, t.workspace);
        List<MergeSuggestion> s = r.merges().suggestions(w.id(), limit);
        if (format == OutputFormat.json) {
          System.out.println(Json.write(s));
        } else if (s.isEmpty()) {
          System.out.println("No suggestions.");
        } else {
          for (MergeSuggestion m : s) {
            System.out.printf(
                "%d + %d  %s%n    rapport people merge -w %s %d %d%n",
                m.personA(), m.personB(), m.evidence(), w.slug(), m.personA(), m.personB());
          }
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "note", description = "Add a note to a person.")
  static final class Note implements Callable<Integer> {
    @Mixin Target t;

    @Parameters(index = "0", paramLabel = "PERSON")
    long person;

    @Parameters(index = "1", paramLabel = "TEXT")
    String text;

    @Option(names = "--author", description = "Who writes it")
    String author;

    @Override
    public Integer call() {
      try (Rapport r = t.db.open()) {
        Workspace w = DatabaseOption.workspace(r, t.workspace);
        r.notes().add(w.id(), person, author, text, r.clock().instant());
        System.out.println("Noted.");
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.REJECTED, e.getMessage());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "tag", description = "Tag a person (or remove a tag with --remove).")
  static final class Tag implements Callable<Integer> {
    @Mixin Target t;

    @Parameters(index = "0", paramLabel = "PERSON")
    long person;

    @Parameters(index = "1", paramLabel = "TAG")
    String tag;

    @Option(names = "--remove", description = "Remove the tag instead")
    boolean remove;

    @Override
    public Integer call() {
      try (Rapport r = t.db.open()) {
        Workspace w = DatabaseOption.workspace(r, t.workspace);
        boolean changed =
            remove
                ? r.notes().untag(w.id(), person, tag)
                : r.notes().tag(w.id(), person, tag, r.clock().instant());
        System.out.println(changed ? "Done." : "Nothing to change.");
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.REJECTED, e.getMessage());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "stages", description = "Recompute stages (incrementally unless --full).")
  static final class RecomputeStages implements Callable<Integer> {
    @Mixin Target t;

    @Option(names = "--full", description = "Recompute every person")
    boolean full;

    @Override
    public Integer call() {
      try (Rapport r = t.db.open()) {
        Workspace w = DatabaseOption.workspace(r, t.workspace);
        long start = System.nanoTime();
        Stages.Run run =
            full
                ? r.stages().recomputeAll(w.id(), r.clock().instant())
                : r.stages().recompute(w.id(), r.clock().instant());
        System.out.printf(
            "Looked at %,d persons, %,d changed stage (%d ms).%n",
            run.examined(), run.changed(), (System.nanoTime() - start) / 1_000_000);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "export",
      description = "Export one person as JSON (--person), or every person as CSV.")
  static final class Export implements Callable<Integer> {
    @Mixin Target t;

    @Option(names = "--person", description = "Person id: export everything about this person")
    Long person;

    @Override
    public Integer call() {
      try (Rapport r = t.db.open()) {
        Workspace w = DatabaseOption.workspace(r, t.workspace);
        if (person != null) {
          System.out.println(Json.write(dossier(r, w, person)));
          return ExitCodes.OK;
        }
        PrintStream out = System.out;
        out.println("person_id,display_name,email,stage,identities,tags");
        r.directory().each(w.id(), e -> out.println(csv(e)));
      }
      return ExitCodes.OK;
    }

    static String csv(Directory.Entry e) {
      return String.join(
          ",",
          Long.toString(e.personId()),
          cell(e.displayName()),
          cell(e.email()),
          e.stage().code(),
          cell(String.join(" ", e.identities())),
          cell(String.join(" ", e.tags())));
    }

    static String cell(String s) {
      if (s == null) {
        return "";
      }
      String safe =
          s.startsWith("=") || s.startsWith("+") || s.startsWith("-") || s.startsWith("@")
              ? "'" + s
              : s;
      return safe.contains(",") || safe.contains("\"") || safe.contains("\n")
          ? "\"" + safe.replace("\"", "\"\"") + "\""
          : safe;
    }
  }
}
