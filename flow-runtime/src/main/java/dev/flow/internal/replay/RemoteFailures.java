package dev.flow.internal.replay;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds the exception a remote failure reports, when its type is a {@link RuntimeException}
 * loadable here with a public {@code (String)} constructor: the cause of an {@code ActivityFailure}
 * or {@code ChildWorkflowFailure}, so that workflow code can catch by cause type.
 */
final class RemoteFailures {
  private static final Pattern FRAME =
      Pattern.compile("^\\s*at (?:[^\\s/]+/)*([^\\s(]+)\\.([^.\\s(]+)\\(([^)]*)\\)\\s*$");

  private RemoteFailures() {}

  /** The rebuilt exception, or null when its type is unknown here or not rebuildable. */
  static RuntimeException rebuild(String type, String message, String stackTrace) {
    Class<?> c = load(type);
    if (c == null) {
      return null;
    }
    try {
      if (!RuntimeException.class.isAssignableFrom(c)) {
        return null;
      }
      Constructor<?> constructor = c.getConstructor(String.class);
      RuntimeException rebuilt = (RuntimeException) constructor.newInstance(message);
      rebuilt.setStackTrace(stackTrace(stackTrace));
      return rebuilt;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  /** The class named {@code type} as the workflow code sees it, or null when it is not loadable. */
  static Class<?> load(String type) {
    if (type == null || type.isEmpty() || type.indexOf(':') >= 0) {
      return null;
    }
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      return Class.forName(
          type, false, loader == null ? RemoteFailures.class.getClassLoader() : loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** The frames of the text of a stack trace, up to its first {@code Caused by}. */
  static StackTraceElement[] stackTrace(String text) {
    if (text == null || text.isEmpty()) {
      return new StackTraceElement[0];
    }
    List<StackTraceElement> frames = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("Caused by:")) {
        break;
      }
      Matcher m = FRAME.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String where = m.group(3);
      String file = null;
      int lineNumber = -1;
      if (where.equals("Native Method")) {
        lineNumber = -2;
      } else if (!where.equals("Unknown Source")) {
        int colon = where.lastIndexOf(':');
        if (colon > 0) {
          file = where.substring(0, colon);
          try {
            lineNumber = Integer.parseInt(where.substring(colon + 1));
          } catch (NumberFormatException e) {
            file = where;
          }
        } else {
          file = where;
        }
      }
      frames.add(new StackTraceElement(m.group(1), m.group(2), file, lineNumber));
    }
    return frames.toArray(new StackTraceElement[0]);
  }
}
