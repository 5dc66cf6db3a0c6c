package dev.rapport.publishing;

/** One gate's verdict on one variant, with a plain message saying why. */
public sealed interface GateResult {

  Gate gate();

  String message();

  /** The variant passes this gate. */
  record Passed(Gate gate, String message) implements GateResult {}

  /** The variant fails this gate; it can only be scheduled with an override naming the gate. */
  record Failed(Gate gate, String message) implements GateResult {}

  /** The workspace has switched this gate off. */
  record Off(Gate gate, String message) implements GateResult {}
}
