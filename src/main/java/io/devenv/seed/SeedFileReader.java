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
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

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

  /** Every record of the file, in memory; for small files (object properties, a checkpoint's values). */
  public static List<SeedRecord> read(Path file) {
    List<SeedRecord> records = new ArrayList<>();
    stream(file, records::add);
    return records;
  }

  /**
   * Every record of the file with its id, one at a time in file order; stops at the first
   * problem. What stays in memory is one record and a 12-byte digest per distinct record (to
   * number identical ones), whatever the file's size.
   */
  public static void stream(Path file, Consumer<SeedRecord> each) {
    visit(file, true, each, null);
  }

  /** How many records the file holds: streamed, memory stays flat whatever the file's size. */
  public static int count(Path file) {
    int[] n = {0};
    visit(file, false, record -> n[0]++, null);
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
      visit(file, false, record -> {
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

  /**
   * Streams the file's records to {@code sink} (with their ids when {@code ids}). A problem goes
   * to {@code onProblem} (which says whether to go on), or is thrown when it is null. Bytes that
   * are not text end the file.
   */
  private static void visit(Path file, boolean ids, Consumer<SeedRecord> sink, Predicate<String> onProblem) {
    try {
      if (!Files.isRegularFile(file)) {
        throw DevenvException.invalid(Origin.display(file) + ": not a regular file");
      }
      String first = firstNonBlank(file);
      RecordIds numbering = ids ? new RecordIds() : null;
      if (first != null && first.startsWith("[")) {
        visitArray(file, numbering, sink, onProblem);
      } else {
        visitLines(file, numbering, sink, onProblem);
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

  /**
   * NDJSON, a buffer at a time. A line of ASCII (the usual case) is parsed from its bytes where
   * it lies; any other line is decoded strictly first, so a column counts characters either way.
   */
  private static void visitLines(Path file, RecordIds ids, Consumer<SeedRecord> sink, Predicate<String> onProblem)
      throws IOException {
    try (LineReader lines = new LineReader(Files.newInputStream(file), MAX_LINE)) {
      while (lines.next()) {
        int number = lines.number();
        if (lines.tooLong()) {
          report(file, number, 0, "a line longer than " + MAX_LINE / (1024 * 1024) + " MB; one record a line", onProblem);
          return;
        }
        byte[] b = lines.buffer();
        int from = lines.start();
        int to = from + lines.length();
        boolean ascii = true;
        for (int i = from; i < to; i++) {
          byte c = b[i];
          if (c == 0) {
            report(file, number, column(b, from, i), "a NUL byte: not a text file; a seed file is JSON text", onProblem);
            return; // not text: the rest of the file is not worth reading
          }
          ascii &= c > 0;
        }
        if (ascii) {
          int start = from;
          int stop = to;
          while (start < stop && isAsciiBlank(b[start])) {
            start++;
          }
          while (stop > start && isAsciiBlank(b[stop - 1])) {
            stop--;
          }
          if (start == stop) {
            continue;
          }
          JsonNode node = parse(file, number, b, from, to - from, null, onProblem);
          if (node == STOP) {
            return;
          }
          if (node != null) {
            sink.accept(new SeedRecord(number, node, ids == null ? 0 : ids.next(b, start, stop - start)));
          }
          continue;
        }
        String line = text(file, number, b, from, to, onProblem);
        if (line == null) {
          return;
        }
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = parse(file, number, null, 0, 0, line, onProblem);
        if (node == STOP) {
          return;
        }
        if (node != null) {
          sink.accept(new SeedRecord(number, node, ids == null ? 0 : ids.next(line.strip())));
        }
      }
    }
  }

  /** Returned by {@link #parse} when the reading should stop. */
  private static final JsonNode STOP = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

  /**
   * The line's object (from its bytes, or from {@code text} when given); null when it is not one
   * and the problem was reported, {@link #STOP} when reading should stop.
   */
  private static JsonNode parse(Path file, int number, byte[] b, int offset, int length, String text, Predicate<String> onProblem)
      throws IOException {
    JsonNode node;
    try {
      node = text != null ? JSON.readTree(text) : JSON.readTree(b, offset, length);
    } catch (JsonProcessingException e) {
      int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      return report(file, number, column, "not valid JSON: " + jsonProblem(e.getOriginalMessage()), onProblem) ? null : STOP;
    }
    if (!node.isObject()) {
      return report(file, number, 1, "expected a JSON object, found "
          + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), onProblem) ? null : STOP;
    }
    return node;
  }

  /** What {@link Character#isWhitespace} (and so {@link String#strip}) calls blank, for ASCII. */
  private static boolean isAsciiBlank(byte c) {
    return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
  }

  /** The line as text, or null (reported) when it is not UTF-8. */
  private static String text(Path file, int number, byte[] b, int from, int to, Predicate<String> onProblem) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
    CharBuffer out = CharBuffer.allocate(to - from);
    if (decoder.decode(in, out, true).isError()) {
      report(file, number, column(b, from, in.position()), "not UTF-8 text (an invalid byte); save the file as UTF-8", onProblem);
      return null;
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** The column (in characters, from 1) of the byte at {@code at} of the line starting at {@code from}. */
  private static int column(byte[] b, int from, int at) {
    String before = new String(b, from, at - from, StandardCharsets.UTF_8);
    return before.codePointCount(0, before.length()) + 1;
  }

  private static boolean report(Path file, int line, int column, String message, Predicate<String> onProblem) {
    String located = Origin.display(file) + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
    if (onProblem == null) {
      throw DevenvException.invalid(located);
    }
    return onProblem.test(located);
  }

  private static void visitArray(Path file, RecordIds ids, Consumer<SeedRecord> sink, Predicate<String> onProblem)
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
          sink.accept(new SeedRecord(start.getLineNr(), node, ids == null ? 0 : ids.next(JSON.writeValueAsString(node))));
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

  static DevenvException invalid(Path file, int line, String message) {
    return DevenvException.invalid(Origin.display(file) + (line > 0 ? ":" + line : "") + ": " + message);
  }
}
