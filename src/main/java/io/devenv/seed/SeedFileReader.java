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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
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
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private SeedFileReader() {}

  public static List<SeedRecord> read(Path file) {
    try {
      String first = firstNonBlank(file);
      return first != null && first.startsWith("[") ? readArray(file) : readLines(file);
    } catch (IOException e) {
      throw new DevenvException(2, Origin.display(file) + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** How many records the file holds, without converting them. */
  public static int count(Path file) {
    return read(file).size();
  }

  private static String firstNonBlank(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int c;
      while ((c = reader.read()) != -1) {
        if (c == '\uFEFF' || Character.isWhitespace(c)) {
          continue;
        }
        return Character.toString(c);
      }
      return null;
    }
  }

  private static List<SeedRecord> readLines(Path file) throws IOException {
    List<SeedRecord> records = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
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
          throw invalid(file, number, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
          throw invalid(file, number, "expected a JSON object, found " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        records.add(new SeedRecord(number, node, id(line.strip(), seen)));
      }
    }
    return records;
  }

  private static List<SeedRecord> readArray(Path file) throws IOException {
    List<SeedRecord> records = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    try (JsonParser parser = JSON.getFactory().createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
      try {
        parser.nextToken(); // [
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
          if (token == null) {
            throw invalid(file, parser.currentLocation().getLineNr(), "the JSON array is not closed");
          }
          JsonLocation start = parser.currentTokenLocation();
          JsonNode node = JSON.readTree(parser);
          if (!node.isObject()) {
            throw invalid(file, start.getLineNr(), "expected a JSON object, found " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
          }
          records.add(new SeedRecord(start.getLineNr(), node, id(JSON.writeValueAsString(node), seen)));
        }
      } catch (JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        throw invalid(file, line, "not valid JSON: " + e.getOriginalMessage());
      }
    }
    return records;
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
