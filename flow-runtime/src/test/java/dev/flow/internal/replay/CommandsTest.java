package dev.flow.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ids the commands share, checked without building them. */
class CommandsTest {
  @Test
  void isSeqId_holdsForExactlyNameDashSeq() {
    assertThat(Commands.isSeqId("A.b-1", "A.b", 1)).isTrue();
    assertThat(Commands.isSeqId("A.b-10", "A.b", 10)).isTrue();
    assertThat(Commands.isSeqId("A.b-4711", "A.b", 4711)).isTrue();

    assertThat(Commands.isSeqId("A.b-10", "A.b", 1)).isFalse();
    assertThat(Commands.isSeqId("A.b-1", "A.b", 10)).isFalse();
    assertThat(Commands.isSeqId("A.b-01", "A.b", 1)).isFalse();
    assertThat(Commands.isSeqId("A.b-2", "A.b", 1)).isFalse();
    assertThat(Commands.isSeqId("A.c-1", "A.b", 1)).isFalse();
    assertThat(Commands.isSeqId("A.bb-1", "A.b", 1)).isFalse();
    assertThat(Commands.isSeqId("A.b1", "A.b", 1)).isFalse();
    assertThat(Commands.isSeqId("A.b-", "A.b", 1)).isFalse();
    assertThat(Commands.isSeqId("A.b-1@2", "A.b", 1)).isFalse();
    assertThat(Commands.isSeqId("x-A.b-1", "A.b", 1)).isFalse();
  }
}
