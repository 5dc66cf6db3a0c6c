package dev.rapport.web;

import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;

/** The workspace in the request's path and the caller's effective role in it. */
record Member(Workspace workspace, Role role) {}
