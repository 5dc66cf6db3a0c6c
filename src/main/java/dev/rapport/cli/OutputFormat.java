package dev.rapport.cli;

/** How a command prints data: for people, or for programs. */
enum OutputFormat {
  text,
  json,
  csv
}
