package dev.rapport.workspace;

/** A person who signs in to Rapport (not an audience member). */
public record User(long id, String email, String displayName) {}
