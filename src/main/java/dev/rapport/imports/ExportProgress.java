package dev.rapport.imports;

/** Told how an export import advances, for progress bars. Called on the importing thread. */
public interface ExportProgress {

  /** A new phase begins ("reading", "writing"); total is the number of items, or -1 if unknown. */
  void phase(String name, long total);

  /** Items done so far in the current phase. */
  void done(long items);

  /** Tells nobody. */
  ExportProgress NONE =
      new ExportProgress() {
        @Override
        public void phase(String name, long total) {}

        @Override
        public void done(long items) {}
      };
}
