package dev.flow.sample.sticky;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.ClientCalls;
import dev.flow.spi.Stubs;
import dev.flow.spi.WorkflowDefinition;
import dev.flow.spi.WorkflowInstance;
import dev.flow.spi.WorkflowSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sequential workflow (one activity after another) on the embedded engine, with sticky execution
 * off and on: the same result, and the time each took, printed. {@value #QUICK_STEPS} steps; 1,000
 * with {@code -Dflow.figure=true}.
 */
class StickyFigureTest {
  static final int QUICK_STEPS = 50;
  static final int STEPS = Boolean.getBoolean("flow.figure") ? 1_000 : QUICK_STEPS;

  static final ActivitySpec INCREMENT =
      ActivitySpec.builder("Counter.increment", "1.0")
          .taskList("figure-activities")
          .parameterTypes(int.class)
          .resultType(Integer.class)
          .build();

  static final WorkflowSpec LOOP =
      WorkflowSpec.builder("Loop", "1.0")
          .taskList("figure")
          .executionStartToCloseTimeoutSeconds(3600)
          .taskStartToCloseTimeoutSeconds(60)
          .parameterTypes(int.class)
          .resultType(Integer.class)
          .build();

  /** As the processor would generate it: the loop calls increment {@code n} times in sequence. */
  static final WorkflowDefinition DEFINITION =
      new WorkflowDefinition() {
        @Override
        public WorkflowSpec spec() {
          return LOOP;
        }

        @Override
        public WorkflowInstance newInstance() {
          return new WorkflowInstance() {
            @Override
            public Object execute(Object[] arguments) {
              int n = (Integer) arguments[0];
              int value = 0;
              for (int i = 0; i < n; i++) {
                value = Stubs.<Integer>activity(INCREMENT, null, value).get();
              }
              return value;
            }

            @Override
            public void signal(String signalName, Object[] arguments) {
              throw new IllegalArgumentException("no signal " + signalName);
            }
          };
        }
      };

  static final ActivityDispatcher COUNTER =
      new ActivityDispatcher() {
        @Override
        public List<ActivitySpec> activities() {
          return List.of(INCREMENT);
        }

        @Override
        public Object dispatch(String activityName, Object[] arguments) {
          return (Integer) arguments[0] + 1;
        }
      };

  @TempDir Path dir;

  private long run(int cacheSize, int steps) throws Exception {
    Path work = Files.createDirectories(dir.resolve("cache-" + cacheSize + "-" + steps));
    try (FlowClient flow = FlowClient.connect("embedded:" + work.resolve("flow.db"), "figure");
        Worker worker =
            Worker.builder(flow)
                .workflow(DEFINITION)
                .activities(COUNTER)
                .stickyCacheSize(cacheSize)
                .build()
                .start()) {
      long t0 = System.nanoTime();
      Object result = ClientCalls.start(flow, LOOP, null, steps).result();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertThat(result).isEqualTo(steps);
      return millis;
    }
  }

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void sequentialWorkflow_sameResult_withAndWithoutSticky() throws Exception {
    if (STEPS > QUICK_STEPS) { // warm up the JIT and the engine for both, so neither pays for it
      run(0, QUICK_STEPS);
      run(Worker.DEFAULT_STICKY_CACHE_SIZE, QUICK_STEPS);
    }
    long off = run(0, STEPS);
    long on = run(Worker.DEFAULT_STICKY_CACHE_SIZE, STEPS);
    System.out.printf(
        "sticky figure (embedded engine): %d sequential activities, replay from the start %d ms,"
            + " sticky %d ms%n",
        STEPS, off, on);
  }
}
