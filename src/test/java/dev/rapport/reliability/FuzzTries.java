package dev.rapport.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The hostile-input properties keep the default test run fast (their {@code tries} stay in the
 * hundreds); {@code -Drapport.fuzzTries=100000} raises every one of them for a long run. Each run
 * appends its property, tries and checks to {@code target/fuzz-counts.tsv}, so that the figures in
 * docs/reliability.md come from real runs.
 */
public final class FuzzTries implements AroundPropertyHook {

  public static final String PROPERTY = "rapport.fuzzTries";

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    String wanted = System.getProperty(PROPERTY);
    boolean example = context.attributes().tries().orElse(0) == 1;
    if (wanted != null && !wanted.isBlank() && !example) {
      context.attributes().setTries(Integer.parseInt(wanted.strip()));
    }
    PropertyExecutionResult result = property.execute();
    record(context, result);
    return result;
  }

  private static void record(PropertyLifecycleContext context, PropertyExecutionResult result) {
    String line =
        context.containerClass().getSimpleName()
            + "."
            + context.targetMethod().getName()
            + "\t"
            + result.countTries()
            + "\t"
            + result.countChecks()
            + "\t"
            + result.status()
            + "\n";
    try {
      Path target = Path.of("target");
      if (Files.isDirectory(target)) {
        Files.writeString(
            target.resolve("fuzz-counts.tsv"),
            line,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public PropagationMode propagateTo() {
    // Put on a test class, it reaches every property of it.
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public int aroundPropertyProximity() {
    // Outside jqwik's own hooks, so the tries are set before the property starts generating.
    return -100;
  }
}
