package dev.rapport.web;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV cells that are safe to open in a spreadsheet: RFC 4180 quoting, and a leading apostrophe on
 * any cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
 * return) — handles and bios are written by strangers.
 */
final class Csv {

  private Csv() {}

  static String row(List<String> cells) {
    return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
  }

  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = value;
    char first = v.charAt(0);
    if (first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r') {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
