package dev.rapport.publishing;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A manager's explicit decision to schedule a variant despite failed gates. It must name every
 * failed gate and give a reason; both are recorded in the post's history.
 */
public record GateOverride(Set<Gate> gates, String reason) {

  public GateOverride {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("an override needs a reason");
    }
    if (gates.isEmpty()) {
      throw new IllegalArgumentException("an override names the gates it overrides");
    }
    gates = Set.copyOf(EnumSet.copyOf(gates));
  }
}
