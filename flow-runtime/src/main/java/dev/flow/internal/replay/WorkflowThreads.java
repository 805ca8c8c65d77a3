package dev.flow.internal.replay;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads for sticky executions: virtual threads on JDKs that have them (21+), platform daemon
 * threads otherwise. The code compiles for Java 17, so {@code Thread.ofVirtual()} is looked up
 * once, here, through a method handle; starting a thread is then a plain {@link ThreadFactory}
 * call.
 */
final class WorkflowThreads {
  private static final AtomicLong COUNT = new AtomicLong();

  /** The virtual thread factory, or null when the JDK has no virtual threads. */
  private static final ThreadFactory VIRTUAL = virtualFactory();

  private WorkflowThreads() {}

  /** Whether workflow code runs on virtual threads. */
  static boolean virtual() {
    return VIRTUAL != null;
  }

  /** A new, unstarted thread named after {@code name} running {@code body}. */
  static Thread newThread(String name, Runnable body) {
    String threadName = "flow-workflow-" + COUNT.incrementAndGet() + "-" + name;
    if (VIRTUAL != null) {
      Thread t = VIRTUAL.newThread(body);
      t.setName(threadName);
      return t;
    }
    Thread t = new Thread(body, threadName);
    t.setDaemon(true);
    return t;
  }

  private static ThreadFactory virtualFactory() {
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builder = Class.forName("java.lang.Thread$Builder");
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      MethodHandle create =
          lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
      MethodHandle factory =
          lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
      return (ThreadFactory) factory.invoke(create.invoke());
    } catch (Throwable noVirtualThreads) {
      return null;
    }
  }
}
