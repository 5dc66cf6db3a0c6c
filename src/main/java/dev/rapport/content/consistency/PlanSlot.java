package dev.rapport.content.consistency;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** A preferred posting slot: a weekday and a time of day in the workspace's zone. */
public record PlanSlot(DayOfWeek day, LocalTime time) {}
