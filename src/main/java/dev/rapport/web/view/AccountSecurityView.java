package dev.rapport.web.view;

/**
 * The signed-in person's own page: change the password, sign out everywhere.
 *
 * @param notice what just happened, or null
 * @param error why the last change was refused, or null
 * @param minLength the shortest password accepted
 * @param maxLength the longest password accepted
 */
public record AccountSecurityView(String notice, String error, int minLength, int maxLength) {}
