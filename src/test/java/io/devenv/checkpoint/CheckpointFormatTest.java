package io.devenv.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.core.DevenvException;
import io.devenv.seed.ItemConverter;
import io.devenv.seed.SeedRecord;
import io.devenv.seed.TableKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The parts of a checkpoint that need no emulator: names, the item format, the store's directories. */
class CheckpointFormatTest {
  @TempDir
  Path project;

  @Test
  @DisplayName("a name is one plain directory: separators, '..', hidden names and spaces are refused with exit 2")
  void names() {
    assertThat(new CheckpointName("after-signup.v2_1").value()).isEqualTo("after-signup.v2_1");
    for (String bad : new String[] {"../x", "a/b", "a\\b", ".hidden", "..", "a..b", "a b", "", "-x", "x".repeat(65)}) {
      assertThatThrownBy(() -> new CheckpointName(bad)).as("name '%s'", bad)
          .isInstanceOfSatisfying(DevenvException.class, e -> assertThat(e.exitCode()).isEqualTo(2));
    }
  }

  @Test
  @DisplayName("an item written as DynamoDB JSON reads back as the very same attribute values, every type")
  void itemsRoundTrip() throws Exception {
    Map<String, AttributeValue> item = Map.of(
        "id", AttributeValue.fromS("a"), "n", AttributeValue.fromN("1.50"), "big", AttributeValue.fromN("-12345678901234567890.5"),
        "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, (byte) 0xff})), "t", AttributeValue.fromBool(true),
        "nul", AttributeValue.fromNul(true), "ss", AttributeValue.fromSs(List.of("x", "y")),
        "ns", AttributeValue.fromNs(List.of("1", "2.25")), "bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {7}))),
        "m", AttributeValue.fromM(Map.of("l", AttributeValue.fromL(List.of(AttributeValue.fromS("é"), AttributeValue.fromN("0"))))));
    String line = Manifest.LINE.writeValueAsString(ItemJson.of(item));
    var node = new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(line);
    Map<String, AttributeValue> back = new ItemConverter(new TableKeys("t", Map.of("id", "S")), Path.of("items.ndjson"))
        .convert(new SeedRecord(1, node, 0));
    assertThat(back).as("read back from " + line).isEqualTo(item);
  }

  @Test
  @DisplayName("the store lists complete checkpoints only, replaces one of the same name whole, and refuses to remove a missing one")
  void store() throws Exception {
    CheckpointStore store = new CheckpointStore(project);
    CheckpointName name = new CheckpointName("one");
    Path first = store.begin(name);
    Files.writeString(first.resolve("marker"), "first");
    new Manifest(Manifest.FORMAT, "p", "test", "now", null, null, null, null, null, null).write(first);
    store.commit(first, name);
    Path half = store.begin(new CheckpointName("half"));
    Files.writeString(half.resolve("marker"), "a save that never finished");

    assertThat(store.list()).extracting(CheckpointStore.Entry::name).as("listed").containsExactly("one");

    Path second = store.begin(name);
    Files.writeString(second.resolve("marker"), "second");
    new Manifest(Manifest.FORMAT, "p", "test", "later", null, null, null, null, null, null).write(second);
    store.commit(second, name);
    assertThat(store.dir(name).resolve("marker")).as("replaced whole").hasContent("second");
    assertThat(store.manifest(name).created()).isEqualTo("later");

    store.remove(name);
    assertThat(store.exists(name)).as("removed").isFalse();
    assertThatThrownBy(() -> store.remove(name)).isInstanceOfSatisfying(DevenvException.class,
        e -> assertThat(e.exitCode()).isEqualTo(2)).hasMessageStartingWith("no checkpoint named one");
  }
}
