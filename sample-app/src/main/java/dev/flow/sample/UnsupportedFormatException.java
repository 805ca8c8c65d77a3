package dev.flow.sample;

/** Thrown by {@link Media#encodeVideo} for a format it does not know. */
public final class UnsupportedFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnsupportedFormatException(String format) {
    super("unsupported format '" + format + "'; supported: " + MediaImpl.FORMATS);
  }
}
