package dev.rapport.web.view;

/**
 * The sign-in form.
 *
 * @param error why the last attempt failed, or null
 * @param next where to go after signing in (a path on this site)
 */
public record LoginView(String email, String error, String csrf, String next) {}
