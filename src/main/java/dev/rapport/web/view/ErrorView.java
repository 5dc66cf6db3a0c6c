package dev.rapport.web.view;

/** An error page: the status, its name and what the person can do about it. */
public record ErrorView(int status, String title, String detail) {}
