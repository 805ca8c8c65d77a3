package dev.flow.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flow.Promise;
import dev.flow.Promises;
import dev.flow.Settable;
import dev.flow.Workflow;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.Stubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Promises outside workflow code: what works without a decider, and what says it needs one. */
class SettableTest {
  @Test
  void set_completesOnce_andRunsCallbacksInOrder() {
    Settable<String> p = new Settable<>();
    List<String> calls = new ArrayList<>();
    Promise<Integer> length =
        p.map(
            s -> {
              calls.add("map");
              return s.length();
            });
    Promise<String> next =
        p.flatMap(
            s -> {
              calls.add("flatMap");
              return Promise.value(s + "!");
            });

    assertThat(p.isReady()).isFalse();
    p.set("abc");

    assertThat(calls).containsExactly("map", "flatMap");
    assertThat(length.get()).isEqualTo(3);
    assertThat(next.get()).isEqualTo("abc!");
    assertThatThrownBy(() -> p.set("again"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already complete (Promise[abc]): a promise completes once");
  }

  @Test
  void oneCallback_runsOnce_andThreeRunInOrder() {
    List<String> calls = new ArrayList<>();
    Settable<String> one = new Settable<>();
    one.map(s -> calls.add("only " + s));
    one.set("a");
    assertThat(calls).containsExactly("only a");

    calls.clear();
    Settable<String> three = new Settable<>();
    for (int i = 1; i <= 3; i++) {
      int n = i;
      three.map(s -> calls.add(n + s));
    }
    three.set("b");
    three.map(s -> calls.add("late " + s)); // complete already: runs at once
    assertThat(calls).containsExactly("1b", "2b", "3b", "late b");
  }

  @Test
  void failure_isTheSameObject_throughMapFlatMapAndChain() {
    Settable<String> p = new Settable<>();
    Promise<Integer> mapped = p.map(String::length);
    Promise<String> flat = p.flatMap(Promise::value);
    Settable<String> chained = new Settable<>();
    chained.chain(p);
    IllegalArgumentException failure = new IllegalArgumentException("bad");

    p.fail(failure);

    for (Promise<?> derived : List.of(p, mapped, flat, chained)) {
      assertThatThrownBy(derived::get).isSameAs(failure);
    }
  }

  @Test
  void functionThrowing_failsTheDerivedPromise() {
    IllegalStateException oops = new IllegalStateException("oops");
    Promise<Object> mapped =
        Promise.value("x")
            .map(
                s -> {
                  throw oops;
                });

    assertThatThrownBy(mapped::get).isSameAs(oops);
  }

  @Test
  void all_failsWithTheFirstFailure_any_takesTheFirstCompleted() {
    Settable<String> a = new Settable<>();
    Settable<String> b = new Settable<>();
    Settable<String> c = new Settable<>();
    Promise<Void> all = Promises.all(a, b, c);
    Promise<String> any = Promises.any(a, b, c);
    RuntimeException first = new RuntimeException("first");

    b.set("b");
    assertThat(any.get()).isEqualTo("b");
    assertThat(all.isReady()).isFalse();
    c.fail(first);
    a.fail(new RuntimeException("second"));

    assertThatThrownBy(all::get).isSameAs(first);
  }

  @Test
  void any_ofAlreadyReadyPromises_takesTheOneCompletedFirst() {
    Settable<String> later = new Settable<>();
    Settable<String> earlier = new Settable<>();
    earlier.set("earlier");
    later.set("later");

    assertThat(Promises.any(later, earlier).get()).isEqualTo("earlier");
    assertThat(Promises.all(later, earlier).isReady()).isTrue();
  }

  @Test
  void getOnAPendingPromise_outsideWorkflowCode_saysWhy() {
    assertThatThrownBy(() -> new Settable<String>().get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "Promise.get() on a promise that is not ready works only in workflow code");
  }

  @Test
  void stubsAndWorkflow_outsideWorkflowCode_sayWhy() {
    ActivitySpec spec = ActivitySpec.builder("Media.encodeVideo", "1.0").build();

    assertThatThrownBy(() -> Stubs.activity(spec, null, "a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("calling activity Media.encodeVideo works only in workflow code");
    assertThatThrownBy(Workflow::now)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Workflow.now() works only in workflow code");
    assertThatThrownBy(() -> Workflow.sleep(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Workflow.await(() -> true)).isInstanceOf(IllegalStateException.class);
  }
}
