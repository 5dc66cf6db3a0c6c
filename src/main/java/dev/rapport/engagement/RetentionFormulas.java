package dev.rapport.engagement;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cohort retention as plain arithmetic. A person's months are given as month indexes ({@link
 * #index}); the cohort is the first one; the person is retained at offset k when it engaged in
 * month cohort + k. Offsets whose month has not ended by {@code current} are unknown (null).
 */
public final class RetentionFormulas {
  private RetentionFormulas() {}

  public static int index(YearMonth m) {
    return m.getYear() * 12 + m.getMonthValue() - 1;
  }

  public static YearMonth month(int index) {
    return YearMonth.of(index / 12, index % 12 + 1);
  }

  public static List<Cohort> cohorts(
      Iterable<BitSet> activeMonths, YearMonth current, List<Integer> offsets) {
    int now = index(current);
    Map<Integer, long[]> byCohort = new TreeMap<>();
    for (BitSet months : activeMonths) {
      int first = months.nextSetBit(0);
      if (first < 0 || first > now) {
        continue;
      }
      long[] c = byCohort.computeIfAbsent(first, k -> new long[offsets.size() + 1]);
      c[0]++;
      for (int i = 0; i < offsets.size(); i++) {
        if (months.get(first + offsets.get(i))) {
          c[i + 1]++;
        }
      }
    }
    List<Cohort> out = new ArrayList<>();
    for (var e : byCohort.entrySet()) {
      List<Long> retained = new ArrayList<>();
      for (int i = 0; i < offsets.size(); i++) {
        retained.add(e.getKey() + offsets.get(i) < now ? e.getValue()[i + 1] : null);
      }
      out.add(new Cohort(month(e.getKey()), e.getValue()[0], retained));
    }
    return out;
  }
}
