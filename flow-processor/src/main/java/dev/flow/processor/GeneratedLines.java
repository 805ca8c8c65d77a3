package dev.flow.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps generated source within {@link #COLUMNS} columns where JavaPoet does not: JavaPoet wraps
 * code at its {@code $W} points but writes Javadoc as given, and Javadoc holds names of any length.
 * Fills each Javadoc paragraph to the column limit, as google-java-format does (lines in {@code
 * <pre>} stay as they are), and strips trailing whitespace.
 */
final class GeneratedLines {
  private GeneratedLines() {}

  /** The column limit of generated source, as of google-java-format. */
  static final int COLUMNS = 100;

  /** A line inside a Javadoc comment: {@code " * "} and the text after it (maybe none). */
  private static final Pattern JAVADOC = Pattern.compile("(\\s*\\*)(?: (.*))?");

  /** Text that starts a paragraph of its own: a block tag, {@code <p>}, a list item. */
  private static final Pattern PARAGRAPH_START = Pattern.compile("@|<p>|<ul>|<li>|</ul>");

  /** {@code source} with its Javadoc paragraphs filled and no trailing whitespace. */
  static String tidy(String source) {
    List<String> lines = new ArrayList<>();
    String prefix = null;
    StringBuilder paragraph = new StringBuilder();
    boolean inJavadoc = false;
    boolean pre = false;
    for (String raw : source.split("\n", -1)) {
      String line = raw.stripTrailing();
      Matcher javadoc = JAVADOC.matcher(line);
      boolean text = inJavadoc && !pre && javadoc.matches() && javadoc.group(2) != null;
      String content = text ? javadoc.group(2) : null;
      boolean fill = text && !content.startsWith("<pre>") && !content.startsWith("*/");
      if (paragraph.length() > 0 && (!fill || PARAGRAPH_START.matcher(content).lookingAt())) {
        fill(prefix, paragraph.toString(), lines);
        paragraph.setLength(0);
      }
      if (fill) {
        prefix = javadoc.group(1) + " ";
        paragraph.append(paragraph.length() > 0 ? " " : "").append(content);
      } else {
        lines.add(line);
      }
      inJavadoc |= line.stripLeading().startsWith("/**");
      inJavadoc &= !line.endsWith("*/");
      pre |= text && content.contains("<pre>");
      pre &= !line.contains("</pre>");
    }
    if (paragraph.length() > 0) {
      fill(prefix, paragraph.toString(), lines);
    }
    return String.join("\n", lines);
  }

  /**
   * Adds {@code text} as lines starting with {@code prefix}, each as long as fits; a block tag's
   * ({@code @param}) continuation lines are indented four more, as google-java-format does. A word
   * longer than a line stays whole.
   */
  private static void fill(String prefix, String text, List<String> lines) {
    String continuation = text.startsWith("@") ? prefix + "    " : prefix;
    StringBuilder line = new StringBuilder(prefix);
    boolean empty = true;
    for (String word : text.strip().split(" +", -1)) {
      if (!empty && line.length() + 1 + word.length() > COLUMNS) {
        lines.add(line.toString());
        line = new StringBuilder(continuation);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    lines.add(line.toString());
  }
}
