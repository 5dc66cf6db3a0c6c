package dev.rapport.web.view;

import dev.rapport.workspace.Sessions;
import java.util.List;

/**
 * The signed-in person's own page: change the password, see and end their sign-ins. Its moments are
 * in UTC, said so: the page belongs to no workspace, so there is no workspace time zone to use.
 *
 * @param notice what just happened, or null
 * @param error why the last change was refused, or null
 * @param minLength the shortest password accepted
 * @param maxLength the longest password accepted
 * @param sessions the person's live sign-ins, newest first
 */
public record AccountSecurityView(
    String notice, String error, int minLength, int maxLength, List<Sessions.Active> sessions) {}
