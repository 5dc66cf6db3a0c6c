package dev.rapport.publishing;

import java.time.LocalDate;

/**
 * A day on which queues skip their slots.
 *
 * @param channelId the one channel it blocks, or null for every channel of the workspace
 */
public record BlockedDate(long id, Long channelId, LocalDate day, String reason) {}
