package dev.flow.engine;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of {@link SwfHttpServer}'s connections (and of their {@link PollWatch}es): virtual
 * threads where the JDK has them (21+; looked up at run time, so the engine still builds for and
 * runs on 17), since most connections wait, in long polls or between requests; else daemon platform
 * threads.
 */
final class ConnectionThreads {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionThreads.class);

  private ConnectionThreads() {}

  private static final Method OF_VIRTUAL = method(Thread.class, "ofVirtual");
  private static final Method NAMED = method(builder(), "name", String.class);
  private static final Method UNSTARTED = method(builder(), "unstarted", Runnable.class);

  /** An unstarted thread named {@code name} that runs {@code run}. */
  static Thread of(Runnable run, String name) {
    if (OF_VIRTUAL != null && NAMED != null && UNSTARTED != null) {
      try {
        return (Thread) UNSTARTED.invoke(NAMED.invoke(OF_VIRTUAL.invoke(null), name), run);
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.debug("no virtual thread; a platform thread serves the connection", e);
      }
    }
    Thread t = new Thread(run, name);
    t.setDaemon(true);
    return t;
  }

  private static Class<?> builder() {
    try {
      return Class.forName("java.lang.Thread$Builder");
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static Method method(Class<?> type, String name, Class<?>... parameters) {
    try {
      return type == null ? null : type.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
