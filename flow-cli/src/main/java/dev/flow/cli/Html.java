package dev.flow.cli;

/**
 * The web view's one way to write HTML: {@link #raw} takes only the page's own markup (constants),
 * {@link #text} and {@link #attr} escape everything else, so a payload, a tag, a signal name or a
 * reason cannot open a tag or an attribute, whatever it holds.
 */
final class Html {
  private final StringBuilder out = new StringBuilder(8192);

  /** Markup of the page itself; never data. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Data, escaped for text and attribute positions alike. */
  Html text(Object value) {
    out.append(escape(value == null ? "" : String.valueOf(value)));
    return this;
  }

  /** {@code name="value"}, the value escaped. */
  Html attr(String name, Object value) {
    out.append(' ').append(name).append("=\"").append(escape(String.valueOf(value))).append('"');
    return this;
  }

  /** {@code <tag>text</tag>}, the text escaped. */
  Html el(String tag, Object value) {
    int space = tag.indexOf(' ');
    return raw("<" + tag + ">")
        .text(value)
        .raw("</" + (space < 0 ? tag : tag.substring(0, space)) + ">");
  }

  /** Escapes {@code & < > " '} (and nothing needs more: every value is quoted). */
  static String escape(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (r != null) {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append(r);
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /** A URL query value, percent-encoded. */
  static String q(String value) {
    return java.net.URLEncoder.encode(
        value == null ? "" : value, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
