package dev.flow.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads HTTP/1.1 requests off one connection within bounds: the request line and headers at most
 * {@link #MAX_HEAD_BYTES} and {@link #MAX_HEADERS}, read within {@link #HEAD_TIMEOUT_MILLIS}; a
 * body (by Content-Length or chunked) at most {@link #MAX_BODY_BYTES}, read within {@link
 * #BODY_TIMEOUT_MILLIS}. Whatever breaks a bound or the grammar is a {@link Fault} naming it, which
 * the server answers as a JSON fault before it closes the connection; nothing is read past it.
 *
 * <p>The connection's thread reads requests; while a long poll is held, a {@link PollWatch} thread
 * {@linkplain #awaitInput waits} on the same stream for the client to close it. One read at a time.
 * Reads go through a buffer of the reader's own: a request's head is cut into lines where it lies
 * in the buffer, not taken byte by byte.
 */
final class HttpReader {
  static final int MAX_HEAD_BYTES = 16 * 1024;
  static final int MAX_HEADERS = 100;
  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
  static final long HEAD_TIMEOUT_MILLIS = 10_000;
  static final long BODY_TIMEOUT_MILLIS = 30_000;

  /** A request that cannot be served, with the HTTP status and fault type that say why. */
  static final class Fault extends Exception {
    private static final long serialVersionUID = 1L;

    final int status;
    final String type;

    Fault(int status, String type, String message) {
      super(message, null, false, false);
      this.status = status;
      this.type = type;
    }
  }

  /** A request's line and headers (names in any case); its body is read by {@link #body}. */
  record Request(
      String method,
      String rawPath,
      String rawQuery,
      String version,
      Map<String, List<String>> headers,
      long contentLength,
      boolean chunked) {

    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether the client keeps the connection open after the answer. */
    boolean keepAlive() {
      String connection = header("Connection");
      boolean close = connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
      boolean keep =
          connection != null && connection.toLowerCase(Locale.ROOT).contains("keep-alive");
      return version.equals("HTTP/1.1") ? !close : keep;
    }

    boolean expectsContinue() {
      String expect = header("Expect");
      return expect != null && expect.trim().equalsIgnoreCase("100-continue");
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final byte[] buffer = new byte[8192];
  private int pos; // guarded by reading: the next byte not read in buffer
  private int limit; // guarded by reading: the end of what buffer holds
  private final long headTimeoutMillis;
  private final long bodyTimeoutMillis;
  private final ReentrantLock reading = new ReentrantLock();
  private long deadlineNanos;

  HttpReader(Socket socket) throws IOException {
    this(socket, HEAD_TIMEOUT_MILLIS, BODY_TIMEOUT_MILLIS);
  }

  HttpReader(Socket socket, long headTimeoutMillis, long bodyTimeoutMillis) throws IOException {
    this.socket = socket;
    this.headTimeoutMillis = headTimeoutMillis;
    this.bodyTimeoutMillis = bodyTimeoutMillis;
    this.in = new DeadlineStream(socket.getInputStream());
  }

  /**
   * The next request, waiting up to {@code idleMillis} for its first byte; null when the client
   * closed the connection or sent nothing in that time.
   */
  Request next(long idleMillis) throws IOException, Fault {
    reading.lock();
    try {
      return nextRequest(idleMillis);
    } finally {
      reading.unlock();
    }
  }

  private Request nextRequest(long idleMillis) throws IOException, Fault {
    if (pos == limit) {
      deadline(idleMillis);
      try {
        if (fill() < 0) {
          return null;
        }
      } catch (SocketTimeoutException idle) {
        return null;
      }
    }
    deadline(headTimeoutMillis);
    int[] budget = {MAX_HEAD_BYTES};
    String line = line(budget);
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || !token(parts[0])) {
      throw new Fault(400, "BadRequest", "not an HTTP request line: expected 'POST / HTTP/1.1'");
    }
    String version = parts[2];
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      throw new Fault(505, "HttpVersionNotSupported", "this endpoint speaks HTTP/1.1 only");
    }
    String target = parts[1];
    if (!target.startsWith("/") || !visible(target)) {
      throw new Fault(400, "BadRequest", "the request target must be a path, such as /");
    }
    int q = target.indexOf('?');
    String rawPath = q < 0 ? target : target.substring(0, q);
    String rawQuery = q < 0 ? null : target.substring(q + 1);

    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int count = 0;
    while (true) {
      String header = line(budget);
      if (header.isEmpty()) {
        break;
      }
      if (++count > MAX_HEADERS) {
        throw new Fault(
            431, "RequestHeaderFieldsTooLarge", "more than " + MAX_HEADERS + " request headers");
      }
      int colon = header.indexOf(':');
      String name = colon <= 0 ? "" : header.substring(0, colon);
      if (!token(name)) {
        throw new Fault(400, "BadRequest", "malformed request header (expected 'Name: value')");
      }
      String value = header.substring(colon + 1).trim();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw new Fault(400, "BadRequest", "control character in request header " + name);
        }
      }
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    long length = contentLength(headers.get("Content-Length"));
    List<String> encoding = headers.get("Transfer-Encoding");
    boolean chunked = false;
    if (encoding != null) {
      if (length >= 0) {
        throw new Fault(
            400, "BadRequest", "a request may have Content-Length or Transfer-Encoding, not both");
      }
      if (encoding.size() != 1 || !encoding.get(0).equalsIgnoreCase("chunked")) {
        throw new Fault(
            501, "NotImplemented", "the only Transfer-Encoding taken is chunked, was " + encoding);
      }
      chunked = true;
    }
    return new Request(parts[0], rawPath, rawQuery, version, headers, length, chunked);
  }

  /** The request's body, read within the body's bounds. */
  byte[] body(Request request) throws IOException, Fault {
    reading.lock();
    try {
      return readBody(request);
    } finally {
      reading.unlock();
    }
  }

  /** What a client did while it should be waiting for its answer ({@link #awaitInput}). */
  enum Input {
    /** Nothing came. */
    QUIET,
    /** Bytes came (the next request, once the answer went out): kept for {@link #next}. */
    SENT,
    /** The client closed the connection (end of stream, or a reset). */
    CLOSED
  }

  /**
   * Waits up to {@code millis} for the client to send a byte or close the connection, keeping what
   * it sent for {@link #next}.
   */
  Input awaitInput(long millis) {
    reading.lock();
    try {
      if (pos < limit) {
        return Input.SENT;
      }
      deadline(millis);
      return fill() < 0 ? Input.CLOSED : Input.SENT;
    } catch (SocketTimeoutException e) {
      return Input.QUIET;
    } catch (IOException e) {
      return Input.CLOSED;
    } finally {
      reading.unlock();
    }
  }

  private byte[] readBody(Request request) throws IOException, Fault {
    deadline(bodyTimeoutMillis);
    try {
      if (!request.chunked()) {
        long length = Math.max(0, request.contentLength());
        if (length > MAX_BODY_BYTES) {
          throw tooLarge();
        }
        byte[] body = new byte[(int) length];
        if (readFully(body) < length) {
          throw new Fault(400, "BadRequest", "the body ended before its Content-Length");
        }
        return body;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      int[] budget = {MAX_HEAD_BYTES};
      while (true) {
        String line = line(budget);
        int semicolon = line.indexOf(';');
        String size = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
        if (size.isEmpty() || size.length() > 8 || !hex(size)) {
          throw new Fault(400, "BadRequest", "malformed chunk size in a chunked body");
        }
        int n = Integer.parseInt(size, 16);
        if (n == 0) {
          while (!line(budget).isEmpty()) {
            // trailers: read and ignored
          }
          return body.toByteArray();
        }
        if ((long) body.size() + n > MAX_BODY_BYTES) {
          throw tooLarge();
        }
        byte[] chunk = new byte[n];
        if (readFully(chunk) < n) {
          throw new Fault(400, "BadRequest", "the body ended inside a chunk");
        }
        body.write(chunk);
        if (!line(budget).isEmpty()) {
          throw new Fault(400, "BadRequest", "a chunk is longer than its size");
        }
      }
    } catch (SocketTimeoutException e) {
      throw new Fault(
          408, "RequestTimeout", "the body did not arrive within " + bodyTimeoutMillis + " ms");
    }
  }

  private static Fault tooLarge() {
    return new Fault(
        413,
        "RequestEntityTooLarge",
        "the request body is larger than " + MAX_BODY_BYTES + " bytes, the most this engine takes");
  }

  /** The declared Content-Length: -1 if none; the same value repeated counts once. */
  private static long contentLength(List<String> values) throws Fault {
    if (values == null) {
      return -1;
    }
    long length = -1;
    for (String value : values) {
      for (String one : value.split(",", -1)) {
        String digits = one.trim();
        if (digits.isEmpty()
            || digits.length() > 18
            || !digits.chars().allMatch(Character::isDigit)) {
          throw new Fault(
              400, "BadRequest", "Content-Length must be a number of bytes, was '" + value + "'");
        }
        long n = Long.parseLong(digits);
        if (length >= 0 && n != length) {
          throw new Fault(400, "BadRequest", "conflicting Content-Length headers " + values);
        }
        length = n;
      }
    }
    return length;
  }

  /**
   * One line without its CRLF (a bare LF is taken too), counting its bytes against {@code budget}:
   * cut from the buffer where it lies, gathered only when it spans two fills.
   */
  private String line(int[] budget) throws IOException, Fault {
    ByteArrayOutputStream spanning = null;
    while (true) {
      if (pos == limit && fillHead() < 0) {
        throw new Fault(400, "BadRequest", "the connection closed inside the request head");
      }
      int start = pos;
      int end = start;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      budget[0] -= end - start;
      if (budget[0] < 0) {
        throw new Fault(
            431,
            "RequestHeaderFieldsTooLarge",
            "the request line and headers are longer than " + MAX_HEAD_BYTES + " bytes");
      }
      if (end == limit) {
        if (spanning == null) {
          spanning = new ByteArrayOutputStream(128);
        }
        spanning.write(buffer, start, end - start);
        pos = limit;
        continue;
      }
      pos = end + 1;
      if (spanning == null) {
        return text(buffer, start, end);
      }
      spanning.write(buffer, start, end - start);
      byte[] bytes = spanning.toByteArray();
      return text(bytes, 0, bytes.length);
    }
  }

  /** The bytes from {@code start} to {@code end} as text, without a CR at the end. */
  private static String text(byte[] bytes, int start, int end) {
    int to = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
    return new String(bytes, start, to - start, StandardCharsets.ISO_8859_1);
  }

  /**
   * Reads what comes into the empty buffer (waiting up to the deadline): how many bytes, or -1 at
   * the end of the stream.
   */
  private int fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    pos = 0;
    limit = Math.max(n, 0);
    return n;
  }

  /** {@link #fill} for the request head: its deadline passing is a fault. */
  private int fillHead() throws IOException, Fault {
    try {
      return fill();
    } catch (SocketTimeoutException e) {
      throw new Fault(
          408,
          "RequestTimeout",
          "the request line and headers did not arrive within " + headTimeoutMillis + " ms");
    }
  }

  /**
   * Fills {@code to} from the buffer, then the stream: how many bytes it got (fewer at the end of
   * the stream).
   */
  private int readFully(byte[] to) throws IOException {
    int n = Math.min(to.length, limit - pos);
    System.arraycopy(buffer, pos, to, 0, n);
    pos += n;
    while (n < to.length) {
      int got = in.read(to, n, to.length - n);
      if (got < 0) {
        break;
      }
      n += got;
    }
    return n;
  }

  private void deadline(long millis) {
    deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private static boolean token(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static boolean visible(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static boolean hex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The socket's stream, each read bounded by the time left until the current deadline. */
  private final class DeadlineStream extends InputStream {
    private final InputStream raw;

    DeadlineStream(InputStream raw) {
      this.raw = raw;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (left <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
      return raw.read(b, off, len);
    }
  }
}
