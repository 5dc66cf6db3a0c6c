package dev.rapport.authenticity.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Cuts a stream into blocks of whole lines (a few MiB each), so that JSON Lines can be parsed in
 * parallel and a broken line never spoils the next. Not thread-safe; the blocks it returns are
 * owned by the caller.
 */
public final class LineBlocks {

  /** Whole lines {@code data[0, length)}; the first is line {@code firstLine} (1-based). */
  public record Block(byte[] data, int length, long firstLine) {}

  private final InputStream in;
  private final int blockSize;
  private byte[] carry = new byte[0];
  private int carryLength;
  private long nextLine = 1;
  private boolean eof;

  public LineBlocks(InputStream in, int blockSize) {
    this.in = in;
    this.blockSize = blockSize;
  }

  /** The next block, or {@code null} at the end of the stream. */
  public Block next() {
    if (eof && carryLength == 0) {
      return null;
    }
    byte[] buf = new byte[Math.max(blockSize, carryLength * 2)];
    System.arraycopy(carry, 0, buf, 0, carryLength);
    int filled = carryLength;
    try {
      while (!eof) {
        if (filled == buf.length) {
          int lastNewline = lastNewline(buf, filled);
          if (lastNewline >= 0) {
            break;
          }
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int r = in.read(buf, filled, buf.length - filled);
        if (r < 0) {
          eof = true;
        } else {
          filled += r;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int cut = eof ? filled : lastNewline(buf, filled) + 1;
    carryLength = filled - cut;
    carry = carryLength == 0 ? carry : Arrays.copyOfRange(buf, cut, filled);
    long first = nextLine;
    for (int i = 0; i < cut; i++) {
      if (buf[i] == '\n') {
        nextLine++;
      }
    }
    if (cut == 0) {
      return null;
    }
    return new Block(buf, cut, first);
  }

  private static int lastNewline(byte[] buf, int filled) {
    for (int i = filled - 1; i >= 0; i--) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
