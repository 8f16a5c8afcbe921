package io.devenv.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any value of any type at any key of the format either loads or is reported as a problem: never
 * an exception of another kind (a crash the user would see as "unexpected NullPointerException").
 * The keys come from the records, so a key added later is covered without editing this test.
 */
class WrongValuesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<Object> VALUES = List.of(
      "text", 12345, -1, 3.5, true, "", List.of(1, "two"), Map.of("x", 1), "${DEVENV_TEST_UNSET_PASSWORD}",
      "99999999999999999999");

  static Stream<String> keys() {
    return ReferenceDoc.keys().stream().map(ReferenceDoc.Key::path);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  @DisplayName("a value of any type at this key loads or is a ProfileException, nothing else")
  void anyValueIsLoadedOrReported(String path) throws Exception {
    for (Object value : VALUES) {
      // Given a profile with this value at this key (lists hold one item)
      String yaml = YAML.writeValueAsString(nest(path.split("\\."), 0, value));

      // When it is loaded
      Throwable thrown = catchThrowable(() -> new ProfileLoader(Map.of())
          .loadContent(Path.of("wrong.yaml"), yaml.getBytes(StandardCharsets.UTF_8)));

      // Then it loaded, or failed with problems that each say where
      if (thrown != null) {
        assertThat(thrown).as("loading %s = %s:%n%s", path, value, yaml).isInstanceOf(ProfileException.class);
        assertThat(((ProfileException) thrown).problems()).as("problems of %s = %s", path, value).isNotEmpty()
            .allSatisfy(p -> assertThat(p.origin().file()).isNotNull());
      }
    }
  }

  /** {a: {b: [{c: value}]}} for "a.b[].c". */
  private static Object nest(String[] parts, int i, Object value) {
    if (i == parts.length) {
      return value;
    }
    boolean list = parts[i].endsWith("[]");
    String key = list ? parts[i].substring(0, parts[i].length() - 2) : parts[i];
    Map<String, Object> map = new LinkedHashMap<>();
    Object inner = nest(parts, i + 1, value);
    map.put(key, list ? new ArrayList<>(List.of(inner)) : inner);
    return map;
  }
}
