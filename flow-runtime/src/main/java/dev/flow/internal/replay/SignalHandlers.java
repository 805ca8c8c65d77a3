package dev.flow.internal.replay;

import dev.flow.DataConverter;
import dev.flow.spi.SignalSpec;
import dev.flow.spi.WorkflowInstance;
import dev.flow.spi.WorkflowSpec;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * The execution's signals: each WorkflowExecutionSignaled event calls the handler the workflow
 * declares for it, with the decoded input; what the handler issues is {@code after} the signal.
 */
final class SignalHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(Decider.class);
  private static final Type[] NO_TYPES = new Type[0];

  private final WorkflowSpec spec;
  private final DataConverter converter;
  private final Observations observations;
  private final Map<String, SignalSpec> signals = new HashMap<>();

  SignalHandlers(WorkflowSpec spec, DataConverter converter, Observations observations) {
    this.spec = spec;
    this.converter = converter;
    this.observations = observations;
    for (SignalSpec signal : spec.signals()) {
      signals.put(signal.name(), signal);
    }
  }

  /**
   * Calls {@code instance}'s handler of the signal {@code e} delivers; a signal the workflow does
   * not declare, or whose input does not decode, is ignored, with a warning when {@code firstSeen}
   * (at the decision task that sees it first, not at every replay of it). What the handler throws
   * escapes.
   */
  void deliver(HistoryEvent e, WorkflowInstance instance, boolean firstSeen) {
    var a = e.workflowExecutionSignaledEventAttributes();
    SignalSpec signal = signals.get(a.signalName());
    if (signal == null) {
      if (firstSeen) {
        LOG.warn(
            "workflow {} ignores signal {} (event {}): it declares no such signal",
            spec.name(),
            a.signalName(),
            e.eventId());
      }
      return;
    }
    Object[] values;
    try {
      values = converter.fromArguments(a.input(), signal.parameterTypes().toArray(NO_TYPES));
    } catch (RuntimeException failure) {
      if (firstSeen) {
        LOG.warn(
            "workflow "
                + spec.name()
                + " ignores signal "
                + a.signalName()
                + " (event "
                + e.eventId()
                + "): its input cannot be decoded",
            failure);
      }
      return;
    }
    observations.delivering("signal:" + e.eventId(), () -> instance.signal(a.signalName(), values));
  }
}
