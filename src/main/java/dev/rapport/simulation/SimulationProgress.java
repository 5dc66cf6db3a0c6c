package dev.rapport.simulation;

/**
 * Told how a simulation advances, phase by phase, so that a shell can show progress. Called from
 * the simulating thread.
 */
public interface SimulationProgress {

  SimulationProgress NONE =
      new SimulationProgress() {
        @Override
        public void phase(String name, long total) {}

        @Override
        public void advance(long done) {}
      };

  /** A new phase begins with {@code total} units of work. */
  void phase(String name, long total);

  /** {@code done} more units of the current phase are finished. */
  void advance(long done);
}
