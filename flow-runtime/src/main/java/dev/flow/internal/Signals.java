package dev.flow.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Says when a process is told to stop. A shutdown hook is too late to log through java.util.logging
 * (its own hook resets the handlers at the same time), so this runs an action when SIGTERM or
 * SIGINT arrives, then lets the JVM's own handler stop the process as before (its shutdown hooks
 * run). It uses {@code sun.misc.Signal} (module {@code jdk.unsupported}) through reflection, and
 * does nothing where that is missing. Public for the server and worker mains.
 */
public final class Signals {
  private Signals() {}

  /**
   * Runs {@code action} with the signal's name ({@code TERM}, {@code INT}) when the process gets
   * one, before it stops. Returns false when signals cannot be watched here.
   */
  public static boolean onStop(java.util.function.Consumer<String> action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Method handle = signal.getMethod("handle", signal, handlerType);
      Method handlerMethod = handlerType.getMethod("handle", signal);
      Method getName = signal.getMethod("getName");
      Method getNumber = signal.getMethod("getNumber");
      for (String name : new String[] {"TERM", "INT"}) {
        Object sig = signal.getConstructor(String.class).newInstance(name);
        Object[] previous = new Object[1];
        Object handler =
            Proxy.newProxyInstance(
                Signals.class.getClassLoader(),
                new Class<?>[] {handlerType},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "handle" -> {}
                    case "hashCode" -> {
                      return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                      return proxy == args[0];
                    }
                    default -> {
                      return "flow stop signal handler";
                    }
                  }
                  try {
                    action.accept((String) getName.invoke(args[0]));
                  } finally {
                    stop(previous[0], handlerMethod, args[0], getNumber);
                  }
                  return null;
                });
        previous[0] = handle.invoke(null, sig, handler);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false; // no signals here (or SIGINT taken by the JVM): the shutdown hook still runs
    }
  }

  /** Stops as the JVM would have: its own handler, else exit status 128 + the signal number. */
  private static void stop(Object previous, Method handlerMethod, Object sig, Method getNumber)
      throws ReflectiveOperationException {
    try {
      if (previous != null) {
        handlerMethod.invoke(previous, sig);
        return;
      }
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (!(e.getCause() instanceof UnsupportedOperationException)) {
        throw e; // a native default handler cannot be called from Java: exit below
      }
    }
    System.exit(128 + (int) getNumber.invoke(sig));
  }
}
