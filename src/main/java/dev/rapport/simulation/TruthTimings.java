package dev.rapport.simulation;

import dev.rapport.engagement.TruthSummary;
import java.time.Duration;

/**
 * How long the dashboard's truth metrics take on a workspace: the first (cold) call and the median
 * of the warm calls after it.
 *
 * @param summary the summary the calls returned
 * @param weeks weeks the chart query returned
 */
public record TruthTimings(
    TruthSummary summary,
    int weeks,
    Duration summaryCold,
    Duration summaryWarm,
    Duration weeksCold,
    Duration weeksWarm,
    int warmRuns) {}
