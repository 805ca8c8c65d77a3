package dev.flow.internal.replay;

import dev.flow.internal.Failures;
import java.lang.reflect.Constructor;

/**
 * Rebuilds the exception a remote failure reports, when its type is a {@link RuntimeException}
 * loadable here with a public {@code (String)} constructor: the cause of an {@code ActivityFailure}
 * or {@code ChildWorkflowFailure}, so that workflow code can catch by cause type.
 */
final class RemoteFailures {
  private RemoteFailures() {}

  /** Sets the remote exception, rebuilt, as the cause of {@code failure}, when it can be. */
  static void withCause(RuntimeException failure, Failures.Remote remote) {
    RuntimeException cause = rebuild(remote.type(), remote.message(), remote.stackTrace());
    if (cause != null) {
      if (remote.cause() != null && cause.getCause() == null) {
        try {
          cause.initCause(Failures.toThrowable(remote.cause()));
        } catch (IllegalStateException e) {
          // its constructor set a cause of its own: keep it
        }
      }
      failure.initCause(cause);
    }
  }

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
    return Failures.frames(text);
  }
}
