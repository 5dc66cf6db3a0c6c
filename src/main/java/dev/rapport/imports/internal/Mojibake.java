package dev.rapport.imports.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Undoes Instagram's text encoding: its exports write each byte of UTF-8 text as its own character
 * ({@code "\u00c3\u00a9"} for é), as if the bytes were Latin-1. Text that is not of that form (a
 * character above U+00FF, or bytes that are not valid UTF-8) is returned unchanged, so applying the
 * fix twice, or to correct text, does no harm.
 */
final class Mojibake {
  private Mojibake() {}

  static String fix(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    boolean high = false;
    byte[] bytes = new byte[s.length()];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0xFF) {
        return s;
      }
      high |= c >= 0x80;
      bytes[i] = (byte) c;
    }
    if (!high) {
      return s;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return s;
    }
  }
}
