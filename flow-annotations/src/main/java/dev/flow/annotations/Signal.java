package dev.flow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Workflow} interface as a signal handler. Signals are delivered to the
 * running workflow in history order, between decision steps; a handler returns {@code void} and
 * must not block.
 *
 * <pre>{@code
 * @Signal
 * void addSubtitle(String url);
 * }</pre>
 *
 * <p>The generated workflow handle ({@code WWorkflowClient.Handle}) and child handle ({@code
 * WStub.Child}, from {@code WStub.start(...)}) have a typed method for each signal.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Signal {
  /** The SWF signal name; empty means the method name. */
  String name() default "";
}
