package dev.rapport.authenticity;

import java.util.Objects;

/**
 * A profile whose truth is known, for training and evaluation.
 *
 * @param bot {@code true} for a bot, fake or purchased account, {@code null} when unlabelled
 * @param group where the label came from, e.g. {@code cresci-2017/social_spambots_1}
 */
public record LabelledProfile(ProfileSnapshot profile, Boolean bot, String group) {

  public LabelledProfile {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(group, "group");
  }
}
