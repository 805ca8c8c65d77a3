package dev.flow.engine;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * Pages a served engine answers beside the SWF API ({@code POST /}), {@code GET /health} and {@code
 * GET /metrics}: every other request goes to them (the web view of {@code flow serve}). They must
 * do their own authentication; with {@code --sigv4} the server passes them the key pair and the
 * {@code --ui-token} it was given.
 */
public interface WebPages {
  /** Answers one request, and closes the exchange. */
  void handle(HttpExchange exchange) throws IOException;

  /** Makes the pages of an engine, once it is open. */
  interface Factory {
    /**
     * The pages of {@code engine}.
     *
     * @param engine the engine's in-process SWF client
     * @param credentials the {@code KEY:SECRET} requests must be signed with, or null (no
     *     authentication asked)
     * @param uiToken a token that also lets a person in, or null
     */
    WebPages create(SwfClient engine, String credentials, String uiToken);
  }
}
