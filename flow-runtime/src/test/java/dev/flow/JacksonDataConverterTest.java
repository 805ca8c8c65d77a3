package dev.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JacksonDataConverterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The encoding through Jackson's tree, which the direct encoding of simple values must equal. */
  private static String throughTree(Object[] arguments) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Object argument : arguments) {
      array.add(MAPPER.valueToTree(argument));
    }
    return array.toString();
  }

  @Test
  void fromData_simpleValuesDecodeAsJacksonDoes() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    List<String> numbers =
        List.of(
            "0", "-0", "7", "-12", "123456789", "2147483647", "-2147483648", "9223372036854775807");
    for (String data : numbers) {
      assertThat(DataConverter.json().fromData(data, Long.class))
          .isEqualTo(mapper.readValue(data, Long.class));
      assertThat(DataConverter.json().fromData(data, long.class))
          .isEqualTo(mapper.readValue(data, long.class));
      if (!data.startsWith("9")) {
        assertThat(DataConverter.json().fromData(data, Integer.class))
            .isEqualTo(mapper.readValue(data, Integer.class));
        assertThat(DataConverter.json().fromData(data, int.class))
            .isEqualTo(mapper.readValue(data, int.class));
      }
    }
    List<String> strings =
        List.of(
            "\"\"",
            "\"a b\"",
            "\"caf\u00e9 \ud83d\ude00\"",
            "\"q\\\"q\"",
            "\"\\u0041\"",
            "\"x\\ny\"");
    for (String data : strings) {
      assertThat(DataConverter.json().fromData(data, String.class))
          .isEqualTo(mapper.readValue(data, String.class));
    }
  }

  @Test
  void toArguments_simpleValuesEncodeAsJacksonsTreeDoes() {
    List<Object[]> cases =
        List.of(
            new Object[] {},
            new Object[] {null},
            new Object[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE},
            new Object[] {Long.MAX_VALUE, Long.MIN_VALUE, (short) -7, (byte) 12},
            new Object[] {true, false, null, "a"},
            new Object[] {"", " ", "plain ASCII ~!@#$%^&*()_+{}|:<>?/.,';][=-`"},
            new Object[] {"quote \" here", "back\\slash", "tab\there", "new\nline", "\u0001"},
            new Object[] {"caf\u00e9", "\u2028", "\ud83d\ude00", "\u007f"},
            new Object[] {1.5, 2.0f, 'c', 3},
            new Object[] {List.of(1, 2), "x"});
    for (Object[] arguments : cases) {
      assertThat(DataConverter.json().toArguments(arguments)).isEqualTo(throughTree(arguments));
    }
  }

  /** A class with record-style accessors only: what the processor reports as NoProperties. */
  public static final class Clip {
    private String url = "u";

    public Clip() {}

    public String url() {
      return url;
    }
  }

  @Test
  void aClassWithAccessorStyleGettersOnly_cannotBeEncoded_asTheProcessorSays() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DataConverter.json().toData(new Clip()))
        .hasMessageContaining("no properties discovered");
  }

  @Test
  void aRecordPassedAsObject_arrivesAsAMap_asTheProcessorWarns() {
    record Point(int x, int y) {}
    String data = DataConverter.json().toData(new Point(1, 2));

    assertThat(DataConverter.json().fromData(data, Object.class))
        .isInstanceOf(java.util.LinkedHashMap.class);
  }
}
