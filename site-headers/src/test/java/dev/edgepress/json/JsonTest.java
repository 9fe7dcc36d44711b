package dev.edgepress.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Just enough JSON: values, and strings that can never close a script element. */
class JsonTest {

  @Test
  void stringsEscapeQuotesControlCharactersAndMarkup() {
    assertThat(Json.string("a\"b\\c\n</script>&\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u003c/script\\u003e\\u0026\\u0001\"");
  }

  @Test
  void valuesObjectsAndArrays() {
    assertThat(Json.value(Map.of("n", List.of(1, true)))).isEqualTo("{\"n\": [1, true]}");
    assertThat(Json.value(null)).isEqualTo("null");
    assertThat(Json.object("a", "x", "b", 2)).isEqualTo("{\"a\": \"x\", \"b\": 2}");
    assertThat(Json.strings(List.of())).isEqualTo("[]");
    assertThat(Json.strings(List.of("a", "b"))).isEqualTo("[\n    \"a\",\n    \"b\"\n  ]");
  }
}
