package dev.flow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Java processes started by the tests, and what they print. */
final class Processes {
  private Processes() {}

  /** Starts the JVM running these tests with {@code args}, its error stream merged in. */
  static Process java(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** What a process prints (standard output and error), read on a thread of its own. */
  static final class Output {
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    Output(Process process) {
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    add(line);
                  }
                } catch (IOException e) {
                  add("(reading the output failed: " + e + ")");
                } finally {
                  end();
                }
              },
              "output of " + process.pid());
      reader.setDaemon(true);
      reader.start();
    }

    private synchronized void add(String line) {
      lines.add(line);
      notifyAll();
    }

    private synchronized void end() {
      ended = true;
      notifyAll();
    }

    /** The first line starting with {@code prefix}, waiting up to {@code seconds} for it. */
    synchronized String line(String prefix, long seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (true) {
        for (String line : lines) {
          if (line.startsWith(prefix)) {
            return line;
          }
        }
        long left = deadline - System.nanoTime();
        if (ended || left <= 0) {
          throw new AssertionError(
              "no line starting with '" + prefix + "' in " + seconds + " s; printed " + lines);
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    /** Every line, once the process closed its output (waiting up to {@code seconds}). */
    synchronized List<String> all(long seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (!ended && System.nanoTime() < deadline) {
        TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
      }
      assertThat(ended)
          .as("the process still runs after %d s; printed %s", seconds, lines)
          .isTrue();
      return List.copyOf(lines);
    }
  }
}
