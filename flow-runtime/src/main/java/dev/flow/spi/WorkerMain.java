package dev.flow.spi;

/**
 * The body of generated worker mains: hosts the implementations of a {@link Manifest} until the
 * process is stopped.
 *
 * <p>Arguments (each also read from the environment variable in brackets): {@code --engine
 * embedded[:FILE]|http(s)://HOST:PORT|aws} [FLOW_ENGINE], {@code --domain NAME} [FLOW_DOMAIN],
 * {@code --task-list NAME} to poll one task list instead of the declared ones [FLOW_TASK_LIST].
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void run(Manifest manifest, String[] args) throws Exception {
    throw new UnsupportedOperationException("TODO");
  }
}
