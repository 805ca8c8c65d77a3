package dev.flow.internal;

import dev.flow.Promise;
import java.util.Objects;

/**
 * Runs code of the runtime when a promise completes. {@code Settable.whenComplete} is
 * package-private, so that it is no part of the user API (workflow code has {@code map} and {@code
 * flatMap}); the replay internals, in other packages, reach it here. {@code Settable} installs it
 * when its class is initialized, so before any promise exists.
 */
public final class PromiseCallbacks {
  /** {@code Settable}'s own {@code whenComplete}. */
  public interface Registrar {
    void whenComplete(Promise<?> promise, Runnable callback);
  }

  private static volatile Registrar registrar;

  private PromiseCallbacks() {}

  /**
   * Called once, by {@code Settable}'s static initializer.
   *
   * @throws IllegalStateException when called again
   */
  public static synchronized void install(Registrar settables) {
    if (registrar != null) {
      throw new IllegalStateException("PromiseCallbacks are installed by dev.flow.Settable only");
    }
    registrar = Objects.requireNonNull(settables, "settables");
  }

  /**
   * Runs {@code callback} once {@code promise} is complete: now, when it is complete already, or
   * when it completes (after the callbacks registered before it).
   */
  public static void whenComplete(Promise<?> promise, Runnable callback) {
    registrar.whenComplete(promise, callback);
  }
}
