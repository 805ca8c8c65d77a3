package dev.flow.engine;

/**
 * Watches one HTTP connection while the engine holds a long poll of it, so that a poller that goes
 * away ends its poll at once, as a worker in process does by interrupting its poll: the engine then
 * starts no task for it, and counts its task list as left ({@link TaskQueues.Queue#deserted}). A
 * worker that closes its SDK client closes its connections; a worker killed has them closed by its
 * kernel. HTTP/1.1 clients send nothing while they wait for an answer (they do not pipeline), so
 * the end of the stream (or a reset) while a poll is held means the poller is gone; bytes that come
 * (the next request, once the answer went out) stay in the {@link HttpReader}'s buffer.
 *
 * <p>The watcher is a thread of the connection's own ({@link ConnectionThreads}), started when a
 * poll of it first waits for a task ({@link #waiting}, called by {@code PollRequests}: a poll that
 * finds a task at once is not watched) and reused by the next ones. It tells the connection's
 * thread by interrupting it (which {@code PollRequests} takes as the poller leaving), and only
 * while the poll is held: {@link #pollEnds} closes that window.
 */
final class PollWatch {
  /** How long one read of the watcher waits before it checks whether the poll is still held. */
  static final long SLICE_MILLIS = 1000;

  /** The watch of the poll the current thread serves, from its start to its end. */
  private static final ThreadLocal<PollWatch> CURRENT = new ThreadLocal<>();

  private final HttpReader reader;
  private final Thread served;
  private final String name;
  private long polls; // guarded by this: polls started so far
  private long asked; // guarded by this: the poll the watcher is asked to watch
  private boolean held; // guarded by this
  private boolean gone; // guarded by this
  private boolean ended; // guarded by this
  private Thread watcher; // guarded by this

  /**
   * @param reader the connection's reader
   * @param served the connection's thread, which serves its polls
   */
  PollWatch(HttpReader reader, Thread served, String name) {
    this.reader = reader;
    this.served = served;
    this.name = name;
  }

  /**
   * A long poll of this connection starts on its thread (the request read whole); it is watched
   * from when it {@linkplain #waiting waits} until it ends.
   */
  synchronized void pollStarts() {
    polls++;
    held = true;
    gone = false;
    CURRENT.set(this);
  }

  /** The poll the current thread serves waits for a task: its connection is watched, if any. */
  static void waiting() {
    PollWatch watch = CURRENT.get();
    if (watch != null) {
      watch.watchHeldPoll();
    }
  }

  private synchronized void watchHeldPoll() {
    if (!held || asked == polls) {
      return;
    }
    asked = polls;
    if (watcher == null) {
      watcher = ConnectionThreads.of(this::watch, name + "-watch");
      watcher.start();
    }
    notifyAll();
  }

  /**
   * The poll ended: whether its poller went away while it was held (its answer reaches nobody).
   * Clears the interrupt the watcher may have sent; none comes after this.
   */
  synchronized boolean pollEnds() {
    CURRENT.remove();
    held = false;
    Thread.interrupted();
    return gone;
  }

  /** The connection ended: the watcher (if any) ends too. */
  synchronized void connectionEnds() {
    ended = true;
    notifyAll();
  }

  private void watch() {
    long watched = 0;
    while (true) {
      synchronized (this) {
        while (asked == watched && !ended) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (ended) {
          return;
        }
        watched = asked;
      }
      HttpReader.Input input;
      do {
        input = reader.awaitInput(SLICE_MILLIS);
      } while (input == HttpReader.Input.QUIET && holds(watched));
      synchronized (this) {
        if (input == HttpReader.Input.CLOSED) {
          if (held && !ended) { // the poll held now, whichever: nobody reads its answer
            gone = true;
            served.interrupt();
          }
          return; // nothing more comes on this connection
        }
      }
    }
  }

  private synchronized boolean holds(long poll) {
    return held && polls == poll && !ended;
  }
}
