package dev.flow.internal.replay;

/**
 * A payload of the history the decider cannot decode (the workflow's input): the execution waits
 * for a worker that can, instead of failing over what may be a deployment mistake or a blob store
 * that is out of reach.
 */
public final class UndecodablePayloadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UndecodablePayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
