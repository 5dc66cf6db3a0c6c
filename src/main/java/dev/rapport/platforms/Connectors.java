package dev.rapport.platforms;

import dev.rapport.workspace.Platform;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The connectors Rapport has, by platform. */
public final class Connectors {

  private final Map<Platform, Connector> byPlatform = new EnumMap<>(Platform.class);

  public Connectors(List<Connector> connectors) {
    for (Connector c : connectors) {
      if (byPlatform.put(c.platform(), c) != null) {
        throw new IllegalArgumentException("two connectors for " + c.platform());
      }
    }
  }

  public Optional<Connector> forPlatform(Platform platform) {
    return Optional.ofNullable(byPlatform.get(platform));
  }
}
