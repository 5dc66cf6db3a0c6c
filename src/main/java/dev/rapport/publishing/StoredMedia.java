package dev.rapport.publishing;

import dev.rapport.content.quality.MediaKind;

/**
 * A file the {@link MediaLibrary} keeps.
 *
 * @param location what a variant's media stores ({@code media:<name>})
 * @param name the public name, {@code <32 hex>.<ext>}, served at {@code /media/<name>}
 * @param width pixels, for images whose size could be read; else null
 * @param height pixels, likewise
 */
public record StoredMedia(
    String location,
    String name,
    MediaKind kind,
    String contentType,
    long sizeBytes,
    Integer width,
    Integer height) {}
