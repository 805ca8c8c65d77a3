package dev.flow.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flow.history.SwfJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.swf.model.DefaultUndefinedException;
import software.amazon.awssdk.services.swf.model.DomainAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.DomainDeprecatedException;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.LimitExceededException;
import software.amazon.awssdk.services.swf.model.OperationNotPermittedException;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.TooManyTagsException;
import software.amazon.awssdk.services.swf.model.TypeAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.TypeDeprecatedException;
import software.amazon.awssdk.services.swf.model.TypeNotDeprecatedException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;

/**
 * An answer of the engine's HTTP server, and how answers are written: its status and body and body
 * (a fault's JSON, or the model object of a success), and whether the request was read whole (else
 * close after).
 */
record HttpAnswer(
    int status, JsonNode body, SdkPojo model, PageExchange page, String action, boolean readWhole) {
  HttpAnswer(int status, JsonNode body, boolean readWhole) {
    this(status, body, null, null, null, readWhole);
  }

  HttpAnswer(String action, HttpAnswer a) {
    this(a.status, a.body, a.model, a.page, action, a.readWhole);
  }

  /**
   * The status of a long poll whose poller went away while it was held (as nginx's "client closed
   * request"): nothing is written, the connection is closed.
   */
  static final int POLLER_GONE = 499;

  /** The SWF fault type the answer carries ("none" on success). */
  String fault() {
    if (body == null) {
      return "none";
    }
    String type = body.path("__type").asText("");
    return type.substring(type.indexOf('#') + 1);
  }

  // ---------------------------------------------------------------- writing answers

  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  /**
   * The {@code Server} header of every SWF answer: a worker that sees it knows that closing a
   * poll's connection withdraws the poll (Amazon SWF may still hand it a task; the runtime's {@code
   * SwfCalls} looks for this value).
   */
  static final String SERVER = "flow-engine";

  private static final String FAULT_NAMESPACE = "com.amazonaws.swf.base.model#";
  private static final ObjectMapper JSON = new ObjectMapper();

  static HttpAnswer text(HttpReader.Request request, int status, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return page(request, status, "text/plain; charset=utf-8", bytes);
  }

  /** An answer that is not SWF's: {@code bytes} of {@code type}, never cached. */
  static HttpAnswer page(HttpReader.Request request, int status, String type, byte[] bytes) {
    PageExchange page = new PageExchange(request, new byte[0], null, null);
    page.getResponseHeaders().set("Content-Type", type);
    page.getResponseHeaders().set("Cache-Control", "no-store");
    try (page) {
      page.sendResponseHeaders(status, bytes.length);
      page.getResponseBody().write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: not thrown
    }
    boolean whole = request.contentLength() <= 0 && !request.chunked();
    return new HttpAnswer(status, null, null, page, null, whole);
  }

  /** The fault of a failure of the engine itself: what the caller may know, and where to look. */
  static ObjectNode internalFailure(String requestId) {
    return fault(
        "InternalFailure",
        "The engine failed on this request; nothing of it was kept. Its log has the details under"
            + " request id "
            + requestId
            + ".");
  }

  /** The SWF fault name of {@code e}, as its {@code __type} gives it. */
  static String faultType(SwfException e) {
    if (e instanceof UnknownResourceException) return "UnknownResourceFault";
    if (e instanceof TypeAlreadyExistsException) return "TypeAlreadyExistsFault";
    if (e instanceof DomainAlreadyExistsException) return "DomainAlreadyExistsFault";
    if (e instanceof WorkflowExecutionAlreadyStartedException) {
      return "WorkflowExecutionAlreadyStartedFault";
    }
    if (e instanceof DefaultUndefinedException) return "DefaultUndefinedFault";
    if (e instanceof LimitExceededException) return "LimitExceededFault";
    if (e instanceof OperationNotPermittedException) return "OperationNotPermittedFault";
    if (e instanceof TypeDeprecatedException) return "TypeDeprecatedFault";
    if (e instanceof TypeNotDeprecatedException) return "TypeNotDeprecatedFault";
    if (e instanceof DomainDeprecatedException) return "DomainDeprecatedFault";
    if (e instanceof TooManyTagsException) return "TooManyTagsFault";
    if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
      return e.awsErrorDetails().errorCode();
    }
    return "ValidationException";
  }

  static String message(SwfException e) {
    if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
      return e.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }

  static ObjectNode fault(String type, String message) {
    ObjectNode fault = JSON.createObjectNode();
    fault.put("__type", type.contains("#") ? type : FAULT_NAMESPACE + type);
    fault.put("message", message);
    return fault;
  }

  /** The reason phrases of the status lines this server writes. */
  static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(200, "OK"),
          Map.entry(302, "Found"),
          Map.entry(303, "See Other"),
          Map.entry(304, "Not Modified"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(408, "Request Timeout"),
          Map.entry(413, "Content Too Large"),
          Map.entry(431, "Request Header Fields Too Large"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(505, "HTTP Version Not Supported"));

  /**
   * Writes a success: its JSON written from the model object as it comes (Jackson's generator, no
   * tree). A history (a decision task's, or GetWorkflowExecutionHistory's, up to 1,000 events a
   * page) goes straight to the connection in chunks as it is written; any other answer, small, is
   * sent with its length.
   */
  static void write(OutputStream out, SdkPojo model, boolean close) throws IOException {
    if (model instanceof PollForDecisionTaskResponse
        || model instanceof GetWorkflowExecutionHistoryResponse) {
      out.write(head(200, "Transfer-Encoding: chunked", close));
      try (OutputStream chunks = new ChunkedOutput(out);
          JsonGenerator json = SwfJson.factory().createGenerator(chunks)) {
        SwfJson.write(model, json);
      }
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator json = SwfJson.factory().createGenerator(bytes)) {
      SwfJson.write(model, json);
    }
    out.write(head(200, "Content-Length: " + bytes.size(), close));
    bytes.writeTo(out);
  }

  /**
   * A new request id, laid out as a random (version 4) UUID as AWS's are. It names a request in
   * logs, it guards nothing: drawn from {@link ThreadLocalRandom}, not the {@code SecureRandom} of
   * {@link UUID#randomUUID}, which costs each answer far more.
   */
  static String requestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF
    return new UUID(high, low).toString();
  }

  private static byte[] head(int status, String framing, boolean close) {
    return ("HTTP/1.1 "
            + status
            + " "
            + REASONS.getOrDefault(status, "Error")
            + "\r\nContent-Type: "
            + CONTENT_TYPE
            + "\r\nx-amzn-RequestId: "
            + requestId()
            + "\r\nServer: "
            + SERVER
            + "\r\n"
            + framing
            + (close ? "\r\nConnection: close" : "")
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * HTTP/1.1 chunked framing over the connection: each write is one chunk (Jackson writes its
   * buffer of about 8 KB at a time); closing writes the last chunk and leaves the connection open.
   */
  private static final class ChunkedOutput extends OutputStream {
    private final OutputStream out;

    ChunkedOutput(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return; // a chunk of 0 bytes would end the body
      }
      out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(b, off, len);
      out.write(CRLF);
    }

    private boolean closed;

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        out.write(LAST_CHUNK);
      }
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes one answer: the status line, the headers SWF sends, and the JSON body. */
  static void write(OutputStream out, int status, JsonNode body, boolean close) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    out.write(head(status, "Content-Length: " + bytes.length, close));
    out.write(bytes);
  }
}
