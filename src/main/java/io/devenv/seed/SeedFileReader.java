package io.devenv.seed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devenv.core.DevenvException;
import io.devenv.profile.Origin;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a seed file of JSON records: a JSON array of objects, or NDJSON (one object a line,
 * blank lines ignored). Every record keeps its line number, so a bad record is reported as
 * {@code file:line}.
 */
public final class SeedFileReader {
  static final ObjectMapper JSON = new ObjectMapper()
      // Keep numbers exactly as written: DynamoDB numbers are decimal strings.
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      // {"id": 1, "id": 2} is a mistake, not "the last one wins"
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** The longest line of an NDJSON seed file; a record is one line. */
  public static final int MAX_LINE = 16 * 1024 * 1024;

  private SeedFileReader() {}

  /** Every record of the file, in memory; for seeders. Stops at the first problem. */
  public static List<SeedRecord> read(Path file) {
    List<SeedRecord> records = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    visit(file, true, (record, content) -> records.add(new SeedRecord(record.line(), record.node(), id(content, seen))), null);
    return records;
  }

  /** How many records the file holds: streamed, memory stays flat whatever the file's size. */
  public static int count(Path file) {
    int[] n = {0};
    visit(file, false, (record, content) -> n[0]++, null);
    return n[0];
  }

  /**
   * Every problem of the file (up to {@code limit}), streamed: JSON syntax, non-objects, duplicate
   * keys, NUL bytes and invalid UTF-8, each as {@code file:line:column: message}; {@code check}
   * adds the target's own rules per record (null: none).
   */
  public static List<String> problems(Path file, int limit, java.util.function.Function<SeedRecord, String> check) {
    List<String> problems = new ArrayList<>();
    try {
      visit(file, false, (record, content) -> {
        String problem = check == null ? null : check.apply(record);
        if (problem != null && problems.size() < limit) {
          problems.add(Origin.display(file) + ":" + record.line() + ": " + problem);
        }
      }, message -> {
        if (problems.size() < limit) {
          problems.add(message);
        }
        return problems.size() < limit;
      });
    } catch (DevenvException e) {
      problems.add(e.getMessage());
    }
    return problems;
  }

  private interface Sink {
    void accept(SeedRecord record, String content);
  }

  /**
   * Streams the file's records to {@code sink}. A problem goes to {@code onProblem} (which says
   * whether to go on), or is thrown when it is null. Bytes that are not text end the file.
   */
  private static void visit(Path file, boolean keepContent, Sink sink, java.util.function.Predicate<String> onProblem) {
    try {
      if (!Files.isRegularFile(file)) {
        throw DevenvException.invalid(Origin.display(file) + ": not a regular file");
      }
      String first = firstNonBlank(file);
      if (first != null && first.startsWith("[")) {
        visitArray(file, keepContent, sink, onProblem);
      } else {
        visitLines(file, keepContent, sink, onProblem);
      }
    } catch (IOException e) {
      throw new DevenvException(2, Origin.display(file) + ": cannot read: " + io.devenv.core.SafeFiles.reason(e), e);
    }
  }

  private static String firstNonBlank(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      int c;
      int read = 0;
      while ((c = in.read()) != -1 && read++ < 1024 * 1024) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF) {
          continue;
        }
        return Character.toString(c);
      }
      return null;
    }
  }

  private static void visitLines(Path file, boolean keepContent, Sink sink, java.util.function.Predicate<String> onProblem)
      throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      int number = 0;
      boolean end = false;
      while (!end) {
        bytes.reset();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
          if (bytes.size() >= MAX_LINE) {
            report(file, number + 1, 0, "a line longer than " + MAX_LINE / (1024 * 1024) + " MB; one record a line", onProblem);
            return;
          }
          bytes.write(c);
        }
        end = c == -1;
        if (end && bytes.size() == 0) {
          break;
        }
        number++;
        byte[] raw = bytes.toByteArray();
        String line = text(file, number, raw, onProblem);
        if (line == null) {
          return; // not text: the rest of the file is not worth reading
        }
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
          if (!report(file, number, column, "not valid JSON: " + jsonProblem(e.getOriginalMessage()), onProblem)) {
            return;
          }
          continue;
        }
        if (!node.isObject()) {
          if (!report(file, number, 1, "expected a JSON object, found "
              + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), onProblem)) {
            return;
          }
          continue;
        }
        sink.accept(new SeedRecord(number, node, 0), keepContent ? line.strip() : null);
      }
    }
  }

  /** The line as text, or null (reported) when it holds a NUL byte or is not UTF-8. */
  private static String text(Path file, int number, byte[] raw, java.util.function.Predicate<String> onProblem) {
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == 0) {
        report(file, number, column(raw, i), "a NUL byte: not a text file; a seed file is JSON text", onProblem);
        return null;
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(raw);
    CharBuffer out = CharBuffer.allocate(raw.length);
    if (decoder.decode(in, out, true).isError()) {
      report(file, number, column(raw, in.position()), "not UTF-8 text (an invalid byte); save the file as UTF-8", onProblem);
      return null;
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private static int column(byte[] raw, int offset) {
    String before = new String(raw, 0, offset, StandardCharsets.UTF_8);
    return before.codePointCount(0, before.length()) + 1;
  }

  private static boolean report(Path file, int line, int column, String message, java.util.function.Predicate<String> onProblem) {
    String located = Origin.display(file) + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
    if (onProblem == null) {
      throw DevenvException.invalid(located);
    }
    return onProblem.test(located);
  }

  private static void visitArray(Path file, boolean keepContent, Sink sink, java.util.function.Predicate<String> onProblem)
      throws IOException {
    try (JsonParser parser = JSON.getFactory().createParser(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      try {
        parser.nextToken(); // [
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
          if (token == null) {
            report(file, parser.currentLocation().getLineNr(), 0, "the JSON array is not closed", onProblem);
            return;
          }
          JsonLocation start = parser.currentTokenLocation();
          JsonNode node = JSON.readTree(parser);
          if (!node.isObject()) {
            if (!report(file, start.getLineNr(), start.getColumnNr(), "expected a JSON object, found "
                + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), onProblem)) {
              return;
            }
            continue;
          }
          sink.accept(new SeedRecord(start.getLineNr(), node, 0), keepContent ? JSON.writeValueAsString(node) : null);
        }
      } catch (JsonProcessingException e) {
        // After a syntax error the rest of an array cannot be read reliably: one problem for the file.
        JsonLocation at = e.getLocation();
        report(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
            "not valid JSON: " + jsonProblem(e.getOriginalMessage()), onProblem);
      }
    }
  }

  /**
   * Jackson's message without the text it quotes from the file ("Unrecognized token 'root'"): the
   * file may be anything a profile names, and its content is not ours to print.
   */
  static String jsonProblem(String message) {
    String m = message == null ? "unreadable JSON" : message.lines().findFirst().orElse("").strip();
    if (m.startsWith("Unrecognized token")) {
      return "text that is not JSON; each record is a JSON object";
    }
    return m.replaceAll("\\(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\\)", "(a JSON value)");
  }

  /** A 48-bit hash of the content and its occurrence: small enough to keep thousands in one record. */
  private static long id(String content, Map<String, Integer> seen) {
    int occurrence = seen.merge(content, 1, Integer::sum);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(content.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Integer.toString(occurrence).getBytes(StandardCharsets.US_ASCII));
      byte[] d = sha.digest();
      long id = 0;
      for (int i = 0; i < 6; i++) {
        id = (id << 8) | (d[i] & 0xff);
      }
      return id;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static DevenvException invalid(Path file, int line, String message) {
    return DevenvException.invalid(Origin.display(file) + (line > 0 ? ":" + line : "") + ": " + message);
  }
}
