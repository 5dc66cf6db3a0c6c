package dev.rapport.content.consistency;

import java.time.LocalDate;

/**
 * One week of one channel.
 *
 * @param metBar published posts at or above the quality bar
 * @param metPlan at least as many posts above the bar as planned
 */
public record WeekRecord(
    LocalDate weekStart, int planned, int published, int metBar, boolean metPlan) {}
