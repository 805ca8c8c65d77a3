package dev.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code docs/public-api.md} lists the public types of flow-runtime's API packages as they are in
 * the code: a public type (nested ones too) without a row, or a row naming a type that is not
 * public (any more), fails here.
 */
class PublicApiDocTest {
  static final Path DOC = Path.of("..", "docs", "public-api.md");

  private static final Pattern NAME = Pattern.compile("`@?([A-Z][A-Za-z0-9.]*)(<[^`]*>)?`");

  @ParameterizedTest
  @ValueSource(strings = {"dev.flow", "dev.flow.history", "dev.flow.spi"})
  void everyPublicType_hasARow_andEveryRowAPublicType(String pkg)
      throws IOException, URISyntaxException {
    Map<String, String> rows = rows(Files.readString(DOC, StandardCharsets.UTF_8), pkg);
    TreeSet<String> types = publicTypes(pkg);

    List<String> undocumented = new ArrayList<>();
    for (String type : types) {
      int dot = type.lastIndexOf('.');
      boolean listed =
          rows.containsKey(type)
              || (dot > 0
                  && rows.getOrDefault(type.substring(0, dot), "")
                      .contains("`" + type.substring(dot + 1) + "`"));
      if (!listed) {
        undocumented.add(type);
      }
    }
    assertThat(undocumented).as("public types of %s without a row in %s", pkg, DOC).isEmpty();
    assertThat(rows.keySet())
        .as("the types %s lists under %s", DOC, pkg)
        .isSubsetOf(types)
        .isNotEmpty();
  }

  /**
   * The rows of {@code pkg}'s section (its heading names it first): each type its first cell names
   * (outside parentheses, which name its nested types), and the row.
   */
  static Map<String, String> rows(String doc, String pkg) {
    Map<String, String> rows = new LinkedHashMap<>();
    boolean in = false;
    for (String line : doc.split("\n")) {
      if (line.startsWith("## ")) {
        in = line.startsWith("## `" + pkg + "` ");
      } else if (in && line.startsWith("| `")) {
        String first = line.substring(1, line.indexOf('|', 1)).replaceAll("\\([^)]*\\)", "");
        Matcher m = NAME.matcher(first);
        while (m.find()) {
          rows.put(m.group(1), line);
        }
      }
    }
    return rows;
  }

  /** The public types of {@code pkg} in flow-runtime's classes, nested ones as {@code A.B}. */
  static TreeSet<String> publicTypes(String pkg) throws IOException, URISyntaxException {
    Path classes =
        Path.of(Workflow.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    TreeSet<String> types = new TreeSet<>();
    try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.contains("-")) {
          continue; // package-info
        }
        Class<?> c;
        try {
          c =
              Class.forName(
                  pkg + "." + name.substring(0, name.length() - 6),
                  false,
                  PublicApiDocTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          throw new AssertionError(e);
        }
        if (!c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic() && reachable(c)) {
          types.add(c.getName().substring(pkg.length() + 1).replace('$', '.'));
        }
      }
    }
    return types;
  }

  /** Public, and so are the types it is nested in. */
  private static boolean reachable(Class<?> c) {
    for (Class<?> t = c; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }
}
