package dev.rapport.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on long work, shown only when a person is watching a terminal. */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar for {@code total} units, or an open-ended counter when total is unknown (-1). */
  static Progress start(String task, long total, String unit) {
    if (System.console() == null) {
      return new Progress(null);
    }
    return new Progress(
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setUnit(" " + unit, 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .build());
  }

  void stepTo(long n) {
    if (bar != null) {
      bar.stepTo(n);
    }
  }

  void maxHint(long n) {
    if (bar != null) {
      bar.maxHint(n);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
