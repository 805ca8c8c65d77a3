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
}
