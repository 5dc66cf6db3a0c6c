package dev.rapport.workspace;

/** A user's role in one workspace. */
public record Membership(Workspace workspace, Role role) {}
