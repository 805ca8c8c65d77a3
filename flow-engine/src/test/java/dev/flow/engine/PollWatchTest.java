package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PollWatch} on a real loopback connection: the client closing it while a poll is held
 * interrupts the poll's thread and marks the poller gone; a client that stays, or that sends its
 * next request, is never taken for gone, and its request reaches the reader whole.
 */
class PollWatchTest {
  private static final String REQUEST =
      "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: SimpleWorkflowService.ListDomains\r\n"
          + "Content-Length: 2\r\n\r\n{}";

  private final ServerSocket listener;
  private final Socket client;
  private final Socket served;
  private final HttpReader reader;

  PollWatchTest() throws Exception {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    client = new Socket();
    client.connect(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
    served = listener.accept();
    reader = new HttpReader(served);
  }

  @AfterEach
  void close() throws Exception {
    client.close();
    served.close();
    listener.close();
  }

  /**
   * How a held poll ended: whether the watch says its poller left, whether its thread was
   * interrupted while held, and whether an interrupt was left on it after {@link
   * PollWatch#pollEnds}.
   */
  record Ended(boolean gone, boolean interrupted, boolean interruptLeft) {}

  /** Holds a poll on a thread of its own until it is interrupted or {@code holdMillis} pass. */
  private CompletableFuture<Ended> holdPoll(long holdMillis) {
    CompletableFuture<Ended> ended = new CompletableFuture<>();
    CompletableFuture<Void> held = new CompletableFuture<>();
    Thread poll =
        new Thread(
            () -> {
              PollWatch watch = new PollWatch(reader, Thread.currentThread(), "test");
              watch.pollStarts();
              PollWatch.waiting(); // as PollRequests does before it waits for a task
              held.complete(null);
              boolean interrupted = false;
              try {
                Thread.sleep(holdMillis);
              } catch (InterruptedException e) {
                interrupted = true;
              }
              boolean gone = watch.pollEnds();
              ended.complete(new Ended(gone, interrupted, Thread.currentThread().isInterrupted()));
              watch.connectionEnds();
            });
    poll.start();
    held.join();
    return ended;
  }

  @Test
  void clientClosingWhileThePollIsHeld_endsThePoll_asGone() throws Exception {
    CompletableFuture<Ended> ended = holdPoll(30_000);
    client.close();
    assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(new Ended(true, true, false));
  }

  @Test
  void clientStayingUntilThePollEnds_isNotGone_andItsNextRequestIsReadWhole() throws Exception {
    CompletableFuture<Ended> ended = holdPoll(200);
    assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(new Ended(false, false, false));
    OutputStream out = client.getOutputStream();
    out.write(REQUEST.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    HttpReader.Request next = reader.next(10_000);
    assertThat(next.method()).isEqualTo("POST");
    assertThat(next.header("X-Amz-Target")).isEqualTo("SimpleWorkflowService.ListDomains");
    assertThat(new String(reader.body(next), StandardCharsets.US_ASCII)).isEqualTo("{}");
  }

  @Test
  void clientSendingWhileThePollIsHeld_isNotGone_andWhatItSentIsKept() throws Exception {
    CompletableFuture<Ended> ended = holdPoll(1_500);
    OutputStream out = client.getOutputStream();
    out.write(REQUEST.getBytes(StandardCharsets.US_ASCII)); // pipelined, while the poll is held
    out.flush();
    assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(new Ended(false, false, false));
    HttpReader.Request next = reader.next(10_000);
    assertThat(next.rawPath()).isEqualTo("/");
    assertThat(new String(reader.body(next), StandardCharsets.US_ASCII)).isEqualTo("{}");
  }

  @Test
  void clientClosingAfterThePollEnded_isNotTakenForGone() throws Exception {
    CompletableFuture<Ended> ended = holdPoll(200);
    assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(new Ended(false, false, false));
    client.close(); // as a client does once it has its answer
    assertThat(reader.next(10_000)).isNull();
  }
}
