package dev.rapport.content.consistency;

/**
 * A month ({@code 2026-03}) or a year ({@code 2026}): the sums over the weeks that start in it.
 *
 * @param weeksMet weeks that met the plan with posts above the bar
 */
public record PeriodSummary(
    String period, int weeks, int planned, int published, int metBar, int weeksMet) {}
