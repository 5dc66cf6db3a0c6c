package dev.rapport.people;

/** One audience member across platforms. */
public record Person(long id, long workspaceId, String displayName, String email, Stage stage) {}
