package dev.flow.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;

/** Timestamps in requests: read at a cost bounded by their length, refused when out of range. */
class SwfJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Instant oldest(Object value) {
    ObjectNode node = JSON.createObjectNode();
    node.set("oldestDate", JSON.valueToTree(value));
    ExecutionTimeFilter f = (ExecutionTimeFilter) SwfJson.read(node, ExecutionTimeFilter.builder());
    return f.oldestDate();
  }

  @Test
  void epochSeconds_asNumberOrText_withMillis() {
    assertThat(oldest(1700000000.123)).isEqualTo(Instant.ofEpochMilli(1700000000123L));
    assertThat(oldest("1700000000.123")).isEqualTo(Instant.ofEpochMilli(1700000000123L));
    assertThat(oldest("2023-11-14T22:13:20Z")).isEqualTo(Instant.ofEpochSecond(1700000000L));
  }

  @Test
  void aHugeExponent_isOutOfRange_withoutComputingIt() {
    for (String huge : new String[] {"1e10000000", "1e1000000000", "-1e100000000", "9e18"}) {
      assertThatThrownBy(() -> oldest(huge))
          .as(huge)
          .isInstanceOf(SwfJson.OutOfRangeException.class)
          .hasMessageContaining("oldestDate")
          .hasMessageContaining("out of range");
    }
  }

  @Test
  void aNumberPastWhatADoubleHolds_isOutOfRange() throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree("{\"oldestDate\": 1e400}");
    assertThatThrownBy(() -> SwfJson.read(node, ExecutionTimeFilter.builder()))
        .isInstanceOf(SwfJson.OutOfRangeException.class);
  }

  @Test
  void aTinyFraction_isTheEpoch_withoutComputingIt() {
    assertThat(oldest("1e-1000000000")).isEqualTo(Instant.EPOCH);
  }

  @Test
  void aFarIsoDate_isOutOfRange() {
    assertThatThrownBy(() -> oldest("+300000000-01-01T00:00:00Z"))
        .isInstanceOf(SwfJson.OutOfRangeException.class)
        .hasMessageContaining("oldestDate");
  }

  @Test
  void isoDates_toTheEdgesOfEpochMillis_areRead_oneStepPast_areOutOfRange() {
    Instant first = Instant.ofEpochMilli(Long.MIN_VALUE);
    Instant last = Instant.ofEpochMilli(Long.MAX_VALUE).plusNanos(999_999);
    assertThat(oldest(first.toString())).isEqualTo(first);
    assertThat(oldest(last.toString())).isEqualTo(last);
    for (Instant past : new Instant[] {first.minusNanos(1), last.plusNanos(1)}) {
      assertThatThrownBy(() -> oldest(past.toString()))
          .as(past.toString())
          .isInstanceOf(SwfJson.OutOfRangeException.class)
          .hasMessageContaining("oldestDate");
    }
  }

  @Test
  void aLongText_isRefusedBeforeItIsParsed() {
    assertThatThrownBy(() -> oldest("1" + "0".repeat(5000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("oldestDate");
  }
}
