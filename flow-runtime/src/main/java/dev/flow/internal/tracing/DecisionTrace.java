package dev.flow.internal.tracing;

import java.util.List;
import software.amazon.awssdk.services.swf.model.Decision;

/**
 * The span of one live decision task, and what it records of its run: the run span's {@code
 * traceparent} in the answer's {@code executionContext}, and the end of the run span when the
 * answer closes the run. Public only for the worker package.
 */
public interface DecisionTrace extends Traced {
  /** Records nothing and adds nothing to answers. */
  DecisionTrace NONE = new DecisionTrace() {};

  /**
   * The {@code executionContext} to answer with: {@code untraced} (null, or a Flow JSON object such
   * as {@code {"flow":1,"purpose":"decided"}}) with the run span's {@code "trace"} added; {@code
   * untraced} itself when nothing is traced.
   */
  default String executionContext(String untraced) {
    return untraced;
  }

  /**
   * The engine took an answer with {@code decisions}: a run span started by this task is recorded
   * (unless the answer left its trace out), and a decision closing the run ends the run span.
   */
  default void answered(List<Decision> decisions) {}
}
