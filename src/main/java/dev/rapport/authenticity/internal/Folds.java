package dev.rapport.authenticity.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Stratified fold assignment with an injected, seeded {@link Random}. Thread-safe. */
public final class Folds {

  private Folds() {}

  /** Fold number (0..k-1) per sample, with each class spread evenly over the folds. */
  public static int[] stratified(boolean[] bot, int k, Random random) {
    int[] fold = new int[bot.length];
    for (boolean cls : new boolean[] {false, true}) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < bot.length; i++) {
        if (bot[i] == cls) {
          idx.add(i);
        }
      }
      Collections.shuffle(idx, random);
      for (int j = 0; j < idx.size(); j++) {
        fold[idx.get(j)] = j % k;
      }
    }
    return fold;
  }
}
