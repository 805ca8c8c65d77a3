package dev.flow.spring;

import dev.flow.spi.Manifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** The generated manifests on the class path, one per compilation that declared Flow types. */
final class Manifests {
  private Manifests() {}

  /** Every manifest {@code loader} lists in {@code META-INF/services}, each class once. */
  static List<Manifest> load(ClassLoader loader) {
    List<Manifest> manifests = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Manifest manifest : ServiceLoader.load(Manifest.class, loader)) {
      if (seen.add(manifest.getClass().getName())) {
        manifests.add(manifest);
      }
    }
    return manifests;
  }
}
