package dev.rapport.authenticity;

import java.util.function.Consumer;

/**
 * Streams the profiles of one file in constant memory. Bad records are counted in {@link #errors()}
 * until the budget of {@link ReadOptions#maxErrors()} is spent, then reading stops with a {@link
 * MalformedProfileException} naming the record and field. Not thread-safe.
 */
public interface ProfileReader extends AutoCloseable {

  /** Reads every remaining profile into {@code sink}; returns how many were read. */
  long readAll(Consumer<ProfileSnapshot> sink);

  /** Reads every remaining profile with its label columns (CSV {@code label}/{@code bot}). */
  long readLabelled(Consumer<LabelledProfile> sink);

  ReadErrors errors();

  /** Name of the file for messages. */
  String name();

  @Override
  void close();
}
