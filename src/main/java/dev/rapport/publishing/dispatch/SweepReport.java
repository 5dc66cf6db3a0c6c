package dev.rapport.publishing.dispatch;

/**
 * What one sweep found.
 *
 * @param requeued scheduled variants past their time with no pending dispatch, handed to dispatch
 * @param missed of those, variants later than the allowed lateness, marked failed
 * @param resumed outbox records left pending by a node that stopped mid-call, handed to dispatch
 *     (they become unconfirmed and are looked for on the platform)
 */
public record SweepReport(int requeued, int missed, int resumed) {}
