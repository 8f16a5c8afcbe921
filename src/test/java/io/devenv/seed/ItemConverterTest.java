package io.devenv.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.core.DevenvException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemConverterTest {
  @TempDir
  Path dir;

  private static TableKeys keys(String... nameType) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < nameType.length; i += 2) {
      map.put(nameType[i], nameType[i + 1]);
    }
    return new TableKeys("t", map);
  }

  private List<Map<String, AttributeValue>> convert(TableKeys keys, String content) throws Exception {
    Path file = dir.resolve("items.ndjson");
    Files.writeString(file, content);
    ItemConverter converter = new ItemConverter(keys, file);
    return SeedFileReader.read(file).stream().map(converter::convert).toList();
  }

  @Test
  @DisplayName("maps plain JSON to attribute values, keeping numbers exactly as written")
  void plainJson() throws Exception {
    var items = convert(keys("id", "S"),
        "{\"id\":\"a\",\"n\":9.99,\"big\":12345678901234567890,\"ok\":true,\"none\":null,\"tags\":[\"x\",1],\"m\":{\"k\":\"v\"}}\n");
    Map<String, AttributeValue> item = items.get(0);
    assertThat(item.get("id").s()).as("S").isEqualTo("a");
    assertThat(item.get("n").n()).as("decimal N").isEqualTo("9.99");
    assertThat(item.get("big").n()).as("large integer N").isEqualTo("12345678901234567890");
    assertThat(item.get("ok").bool()).as("BOOL").isTrue();
    assertThat(item.get("none").nul()).as("NULL").isTrue();
    assertThat(item.get("tags").l()).as("L").containsExactly(AttributeValue.fromS("x"), AttributeValue.fromN("1"));
    assertThat(item.get("m").m()).as("M").containsEntry("k", AttributeValue.fromS("v"));
  }

  @Test
  @DisplayName("reads DynamoDB JSON items as typed, including sets and binary")
  void dynamoJson() throws Exception {
    var items = convert(keys("id", "S"),
        "{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"3\"},\"ss\":{\"SS\":[\"x\",\"y\"]},\"b\":{\"B\":\"AAEC\"},\"m\":{\"M\":{\"k\":{\"BOOL\":false}}}}\n");
    Map<String, AttributeValue> item = items.get(0);
    assertThat(item.get("id").s()).isEqualTo("a");
    assertThat(item.get("n").n()).isEqualTo("3");
    assertThat(item.get("ss").ss()).containsExactly("x", "y");
    assertThat(item.get("b").b()).isEqualTo(SdkBytes.fromByteArray(new byte[] {0, 1, 2}));
    assertThat(item.get("m").m().get("k").bool()).isFalse();
  }

  @Test
  @DisplayName("decodes a B key from base64 text")
  void binaryKey() throws Exception {
    var items = convert(keys("id", "B"), "{\"id\":\"AAEC\"}\n");
    assertThat(items.get(0).get("id").b().asByteArray()).containsExactly(0, 1, 2);
  }

  @Test
  @DisplayName("a missing key attribute is an error naming the file and line")
  void missingKey() {
    assertThatThrownBy(() -> convert(keys("userId", "S", "key", "S"), "{\"userId\":\"u\",\"key\":\"k\"}\n\n{\"userId\":\"u\"}\n"))
        .isInstanceOf(DevenvException.class)
        .hasMessageContaining("items.ndjson:3:")
        .hasMessageContaining("no key");
  }

  @Test
  @DisplayName("a key of the wrong type is an error naming the file, line, attribute and types")
  void wrongKeyType() {
    assertThatThrownBy(() -> convert(keys("id", "N"), "{\"id\":1}\n{\"id\":\"two\"}\n"))
        .isInstanceOf(DevenvException.class)
        .hasMessageContaining("items.ndjson:2:")
        .hasMessageContaining("id")
        .hasMessageContaining("type N");
  }

  @Test
  @DisplayName("a JSON array gives each item the line it starts on")
  void arrayLines() throws Exception {
    Path file = dir.resolve("items.json");
    Files.writeString(file, "[\n  {\"id\": \"a\"},\n  {\n    \"id\": 2\n  }\n]\n");
    ItemConverter converter = new ItemConverter(keys("id", "S"), file);
    List<SeedRecord> records = SeedFileReader.read(file);
    assertThat(records).extracting(SeedRecord::line).as("lines").containsExactly(2, 3);
    assertThatThrownBy(() -> converter.convert(records.get(1))).hasMessageContaining("items.json:3:");
  }

  @Test
  @DisplayName("invalid JSON is an error naming the file and line")
  void invalidJson() throws Exception {
    Path file = dir.resolve("bad.ndjson");
    Files.writeString(file, "{\"id\":\"a\"}\n{\"id\": oops}\n");
    assertThatThrownBy(() -> SeedFileReader.read(file)).hasMessageContaining("bad.ndjson:2:").hasMessageContaining(": not valid JSON");
  }

  @Test
  @DisplayName("a record with a key twice is refused by the reader up and seed use, in NDJSON and in a JSON array")
  void duplicateKeysRefused() throws Exception {
    Path ndjson = dir.resolve("dup-keys.ndjson");
    Files.writeString(ndjson, "{\"id\":\"a\"}\n{\"id\":\"b\", \"id\":\"c\"}\n");
    assertThatThrownBy(() -> SeedFileReader.read(ndjson)).hasMessageContaining("dup-keys.ndjson:2:")
        .hasMessageContaining("Duplicate field 'id'");
    Path array = dir.resolve("dup-keys.json");
    Files.writeString(array, "[\n  {\"id\": \"a\",\n   \"id\": \"b\"}\n]\n");
    assertThatThrownBy(() -> SeedFileReader.read(array)).hasMessageContaining("dup-keys.json:3:")
        .hasMessageContaining("Duplicate field 'id'");
  }

  @Test
  @DisplayName("identical lines are distinct records with distinct ids")
  void identicalLines() throws Exception {
    Path file = dir.resolve("dup.ndjson");
    Files.writeString(file, "{\"body\":\"x\"}\n{\"body\":\"x\"}\n");
    List<SeedRecord> records = SeedFileReader.read(file);
    assertThat(records.get(0).id()).as("ids of identical lines").isNotEqualTo(records.get(1).id());
  }
}
