package dev.rapport.publishing;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Every gate's verdict on one variant, in {@link Gate} order. */
public record GateReport(long variantId, List<GateResult> results) {

  public GateReport {
    results = List.copyOf(results);
  }

  public boolean passed() {
    return failed().isEmpty();
  }

  public Set<Gate> failed() {
    Set<Gate> gates = EnumSet.noneOf(Gate.class);
    for (GateResult r : results) {
      if (r instanceof GateResult.Failed) {
        gates.add(r.gate());
      }
    }
    return gates;
  }

  public GateResult result(Gate gate) {
    return results.stream()
        .filter(r -> r.gate() == gate)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no result for " + gate));
  }
}
