package dev.rapport.people;

import java.util.List;

/** A person on today's list, with every reason (strongest first) and the rank score. */
public record FocusItem(
    long personId, String displayName, Stage stage, double score, List<FocusReason> reasons) {}
