package dev.flow.spring;

import dev.flow.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link Worker} bean when the application context has started everything else (last
 * phase), and stops it first on shutdown: polling stops at once, and running tasks get the worker's
 * shutdown grace period ({@code flow.worker.shutdown-grace-period}) to finish, while the rest of
 * the context (the beans the activities call) is still up.
 *
 * <p>A stopped worker cannot start again: a context stopped and started again ({@code
 * ConfigurableApplicationContext.stop()} then {@code start()}) fails the second start with a
 * message saying so.
 */
public final class FlowWorkerLifecycle implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(FlowWorkerLifecycle.class);

  private final Worker worker;
  private final Object lock = new Object();
  private boolean running;
  private boolean stopped;

  FlowWorkerLifecycle(Worker worker) {
    this.worker = worker;
  }

  /** The worker started and stopped. */
  public Worker worker() {
    return worker;
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (running) {
        return;
      }
      if (stopped) {
        throw new IllegalStateException(
            "the Flow worker was stopped and cannot start again (a Worker does not restart):"
                + " refresh a new application context instead");
      }
      worker.start();
      running = true;
    }
    LOG.info(
        "Flow worker started: decision task lists {}, activity task lists {}",
        worker.decisionTaskLists(),
        worker.activityTaskLists());
  }

  @Override
  public void stop() {
    synchronized (lock) {
      if (!running) {
        return;
      }
      running = false;
      stopped = true;
    }
    LOG.info("stopping the Flow worker: running tasks get the shutdown grace period to finish");
    worker.close();
    LOG.info("Flow worker stopped");
  }

  /** Stops on a thread of its own, so that the other beans of this phase stop meanwhile. */
  @Override
  public void stop(Runnable callback) {
    Thread stopping =
        new Thread(
            () -> {
              try {
                stop();
              } finally {
                callback.run();
              }
            },
            "flow-worker-stop");
    stopping.start();
  }

  @Override
  public boolean isRunning() {
    synchronized (lock) {
      return running;
    }
  }

  /** The last phase: started after, and stopped before, everything else (web servers included). */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
