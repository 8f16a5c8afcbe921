package io.devenv.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buffered reader keeps every check and every id of the byte-at-a-time one it replaced: the
 * expected values below were produced by that reader, so a seed ledger written before still matches.
 */
class SeedFileReaderTest {
  @TempDir
  Path dir;

  private Path file(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private Path file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> problems(Path file) {
    return SeedFileReader.problems(file, 20, null).stream().map(p -> p.replace(dir.toString() + "/", "")).toList();
  }

  private static List<String> ids(Path file) {
    List<String> ids = new ArrayList<>();
    SeedFileReader.stream(file, r -> ids.add(r.line() + "=" + Long.toHexString(r.id())));
    return ids;
  }

  @Test
  @DisplayName("record ids are those the ledger already holds: identical lines numbered, blanks around a line ignored")
  void idsUnchanged() throws IOException {
    Path f = file("ids.ndjson", "{\"a\":1}\n{\"a\":1}\n  {\"a\":1}\t\n{\"é\":1}\n {\"é\":1}\r\n{\"a\":1}");
    assertThat(ids(f)).as("ids by line").containsExactly("1=e1a14084f0c", "2=29c0a9115604", "3=7bade1e8e556",
        "4=733080cc7a6", "5=68d21fabf7d4", "6=d69a649a2a9a");
    assertThat(SeedFileReader.count(f)).isEqualTo(6);
  }

  @Test
  @DisplayName("JSON errors, NUL and invalid UTF-8 are located by line and character column, ASCII or not")
  void locatedProblems() throws IOException {
    assertThat(problems(file("a.ndjson", "{\"a\":1}\n{\"a\": 1,}\n"))).containsExactly(
        "a.ndjson:2:9: not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name");
    assertThat(problems(file("b.ndjson", "{\"a\":1}\n{\"é€\": 1, x}\n"))).containsExactly(
        "b.ndjson:2:11: not valid JSON: Unexpected character ('x' (code 120)): was expecting double-quote to start field name");
    assertThat(problems(file("c.ndjson", "{\"a\":1}\n{\"é\":\"b\0\"}\n{\"a\":2}\n"))).containsExactly(
        "c.ndjson:2:8: a NUL byte: not a text file; a seed file is JSON text");
    byte[] bad = "{\"a\":1}\n{\"éa\":\"bXc\"}\n".getBytes(StandardCharsets.UTF_8);
    bad[new String(bad, StandardCharsets.ISO_8859_1).indexOf('X')] = (byte) 0xC3;
    assertThat(problems(file("d.ndjson", bad))).containsExactly(
        "d.ndjson:2:9: not UTF-8 text (an invalid byte); save the file as UTF-8");
    assertThat(problems(file("e.ndjson", "{\"a\":1}\r\n\r\n{\"a\":1,}\r\n"))).containsExactly(
        "e.ndjson:3:8: not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name");
    assertThat(problems(file("f.ndjson", "\t\u000B\u001C \n{\"a\":1}\n   \n[1]\n\"x\"\nnull\n{\"a\":1,\"a\":2}\n{\"a\":2}")))
        .containsExactly("f.ndjson:4:1: expected a JSON object, found array", "f.ndjson:5:1: expected a JSON object, found string",
            "f.ndjson:6:1: expected a JSON object, found null", "f.ndjson:7:11: not valid JSON: Duplicate field 'a'");
  }

  @Test
  @DisplayName("a byte-order mark on the first line is skipped")
  void byteOrderMark() throws IOException {
    Path f = file("bom.ndjson", "\uFEFF{\"a\":1}\n{\"b\":2}\n");
    assertThat(ids(f)).containsExactly("1=e1a14084f0c", "2=" + Long.toHexString(idOf("{\"b\":2}")));
  }

  private long idOf(String content) throws IOException {
    List<Long> ids = new ArrayList<>();
    SeedFileReader.stream(file("one.ndjson", content), r -> ids.add(r.id()));
    return ids.get(0);
  }

  @Test
  @DisplayName("a line of exactly MAX_LINE bytes is read; one byte more is refused at its line")
  void lineLimit() throws IOException {
    StringBuilder big = new StringBuilder("{\"a\":\"");
    big.append("x".repeat(SeedFileReader.MAX_LINE - big.length() - 2)).append("\"}");
    assertThat(big).hasSize(SeedFileReader.MAX_LINE);
    assertThat(SeedFileReader.count(file("max.ndjson", "{\"a\":1}\n" + big + "\n"))).isEqualTo(2);
    assertThat(problems(file("long.ndjson", "{\"a\":1}\n{\"a\":2}\n" + big + "x\n{\"b\":1}\n")))
        .containsExactly("long.ndjson:3: a line longer than 16 MB; one record a line");
  }

  @Test
  @DisplayName("lines that straddle the read buffer are read whole, the last one without a newline too")
  void bufferBoundaries() throws IOException {
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      content.append("{\"n\":").append(i).append(",\"pad\":\"").append("p".repeat(i % 97)).append("\"}\n");
    }
    content.append("{\"n\":5000}");
    List<Integer> seen = new ArrayList<>();
    SeedFileReader.stream(file("many.ndjson", content.toString()), r -> seen.add(r.node().get("n").asInt()));
    assertThat(seen).hasSize(5001);
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i)).isEqualTo(i);
    }
  }

  @Test
  @DisplayName("a JSON array file: records, their ids and a non-object located")
  void arrays() throws IOException {
    assertThat(problems(file("arr.json", "[\n {\"a\":1}, {\"a\":1},\n 2,\n {\"b\":\"é\"}\n]\n")))
        .containsExactly("arr.json:3:2: expected a JSON object, found number");
    assertThat(ids(file("ok.json", "[\n {\"a\":1}, {\"a\":1}\n]\n"))).containsExactly("2=e1a14084f0c", "2=29c0a9115604");
  }
}
