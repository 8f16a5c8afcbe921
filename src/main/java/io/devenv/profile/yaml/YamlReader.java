package io.devenv.profile.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.devenv.core.SafeFiles;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.yaml.snakeyaml.LoaderOptions;
import io.devenv.profile.Origin;
import io.devenv.profile.Problem;
import java.io.IOException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into a located tree with Jackson's YAML parser. Problems (syntax,
 * duplicate keys, binary content) are collected, not thrown, so a profile reports all at once.
 */
public final class YamlReader {

  private static final java.util.regex.Pattern YAML11_OCTAL = java.util.regex.Pattern.compile("[-+]?0[0-7_]+");

  /** The deepest nesting of maps and lists a profile may have; real ones use fewer than ten levels. */
  public static final int MAX_NESTING = 64;
  /** The longest scalar a profile may hold (a description, a policy document). */
  public static final int MAX_SCALAR = 64 * 1024;

  // The builder, unlike new YAMLFactory(), leaves this off: "key:" with nothing must read as null, not ''.
  private static final YAMLFactory FACTORY = YAMLFactory.builder()
      .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
      .loaderOptions(loaderOptions())
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING).maxStringLength(MAX_SCALAR).maxNumberLength(100).build())
      .build();

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(SafeFiles.PROFILE_LIMIT);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setMaxAliasesForCollections(10);
    return options;
  }

  private final Path file;
  private final List<Problem> problems;

  private YamlReader(Path file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /**
   * Parses {@code bytes} as the content of {@code file}.
   *
   * @return the root node, or null when the file holds no document or could not be read; the
   *     reason is then in {@code problems}
   */
  public static YamlNode read(Path file, byte[] bytes, List<Problem> problems) {
    return new YamlReader(file, problems).read(bytes);
  }

  private YamlNode read(byte[] bytes) {
    String text = decode(bytes);
    if (text == null) {
      return null;
    }
    JsonParser current = null;
    try (JsonParser parser = FACTORY.createParser(new StringReader(text))) {
      current = parser;
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      YamlNode root = readValue(parser);
      JsonToken next = parser.nextToken();
      if (next != null) {
        problems.add(new Problem(origin(parser.currentTokenLocation()),
            "a profile is one YAML document, but a second one starts here; remove the '---' or split the file"));
      }
      return root;
    } catch (StreamConstraintsException e) {
      JsonLocation where = e.getLocation() != null ? e.getLocation() : current == null ? null : current.currentLocation();
      problems.add(new Problem(origin(where), limitExceeded(e.getOriginalMessage())));
      return null;
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        Mark mark = marked.getProblemMark();
        String what = explain(marked.getProblem() != null ? marked.getProblem() : marked.getMessage());
        problems.add(new Problem(new Origin(file, mark.getLine() + 1, mark.getColumn() + 1),
            "YAML syntax error: " + what + (what.contains("tab") ? "" : context(marked, mark))));
      } else {
        problems.add(new Problem(origin(e.getLocation()), "YAML syntax error: " + explain(e.getOriginalMessage())));
      }
      return null;
    } catch (IOException e) {
      problems.add(new Problem(Origin.of(file), "cannot read the file: " + SafeFiles.reason(e)));
      return null;
    }
  }

  /** Jackson's constraint messages name its own classes; say which limit, in the profile's terms. */
  private static String limitExceeded(String message) {
    String m = message == null ? "" : message;
    if (m.contains("nesting")) {
      return "maps and lists nested deeper than " + MAX_NESTING + " levels; a profile needs far fewer";
    }
    if (m.contains("String value length") || m.contains("string")) {
      return "a value longer than " + MAX_SCALAR + " characters; keep long content in a file the profile names";
    }
    if (m.contains("Number")) {
      return "a number with more than 100 digits";
    }
    return "the profile exceeds a size limit of devenv's YAML reader";
  }

  private String decode(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        problems.add(new Problem(at(bytes, i),
            "not a text file (a NUL byte); a profile is a YAML text file"));
        return null;
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      problems.add(new Problem(at(bytes, in.position()), "not UTF-8 text (an invalid byte); save the profile as UTF-8"));
      return null;
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** Line and column (in characters) of a byte offset, for bytes that are valid up to there. */
  private Origin at(byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
    return new Origin(file, line, before.codePointCount(0, before.length()) + 1);
  }

  private YamlNode readValue(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    Origin at = origin(parser.currentTokenLocation());
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      problems.add(new Problem(at, "YAML aliases (*" + parser.getText() + ") are not supported in profiles; use extends"));
      return new YamlNode.Scalar(at, YamlNode.Scalar.UNRESOLVED, "*" + parser.getText()); // reported: not bound
    }
    switch (token) {
      case START_OBJECT:
        return readMapping(parser, at);
      case START_ARRAY:
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(parser));
        }
        return new YamlNode.Sequence(at, items);
      case VALUE_STRING:
        if (parser.getTextLength() > MAX_SCALAR) {
          // Jackson's YAML parser takes scalars whole from SnakeYAML and does not apply maxStringLength to them.
          problems.add(new Problem(at, limitExceeded("String value length")));
          return new YamlNode.Scalar(at, YamlNode.Scalar.UNRESOLVED, "");
        }
        return new YamlNode.Scalar(at, parser.getText(), parser.getText());
      case VALUE_NUMBER_INT:
        if (YAML11_OCTAL.matcher(parser.getText()).matches()) {
          // YAML 1.1 reads 012 as 10; YAML 1.2 and most people read it as 12. Neither guess is safe.
          problems.add(new Problem(at, "'" + parser.getText() + "' is an octal number in YAML 1.1 (" + parser.getText()
              + " = " + parser.getNumberValue() + "); write the number without leading zeros, or quote it if it is text"));
          return new YamlNode.Scalar(at, YamlNode.Scalar.UNRESOLVED, parser.getText());
        }
        Number n = parser.getNumberValue();
        Object integral = n instanceof Integer i ? Long.valueOf(i) : n;
        return new YamlNode.Scalar(at, integral, parser.getText());
      case VALUE_NUMBER_FLOAT:
        return new YamlNode.Scalar(at, parser.getDecimalValue(), parser.getText());
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new YamlNode.Scalar(at, parser.getBooleanValue(), parser.getText());
      case VALUE_NULL:
        return new YamlNode.Scalar(at, null, "");
      default:
        problems.add(new Problem(at, "unexpected YAML content (" + token + ")"));
        return new YamlNode.Scalar(at, null, "");
    }
  }

  private YamlNode readMapping(JsonParser parser, Origin at) throws IOException {
    Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Origin keyAt = origin(parser.currentTokenLocation());
      parser.nextToken();
      YamlNode value = readValue(parser);
      YamlNode.Entry earlier = entries.get(key);
      if (earlier != null) {
        problems.add(new Problem(keyAt, "duplicate key '" + key + "' (first at line " + earlier.keyOrigin().line()
            + "); keep one of them"));
        continue;
      }
      entries.put(key, new YamlNode.Entry(keyAt, value));
    }
    return new YamlNode.Mapping(at, entries);
  }

  private Origin origin(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return Origin.of(file);
    }
    return new Origin(file, location.getLineNr(), Math.max(1, location.getColumnNr()));
  }

  /** " (while parsing a flow mapping that starts at line 3, column 7)": where the broken construct began. */
  private static String context(MarkedYAMLException marked, Mark problem) {
    if (marked.getContext() == null) {
      return "";
    }
    Mark start = marked.getContextMark();
    if (start == null || start.getLine() == problem.getLine() && start.getColumn() == problem.getColumn()) {
      return " (" + marked.getContext() + ")";
    }
    return " (" + marked.getContext() + " that starts at line " + (start.getLine() + 1) + ", column "
        + (start.getColumn() + 1) + ")";
  }

  /** SnakeYAML names its event classes (org.yaml.snakeyaml.events.SequenceStartEvent): say what they are. */
  static String withoutClassNames(String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z]\\w*)").matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String simple = m.group(1);
      String said = switch (simple) {
        case "SequenceStartEvent" -> "the start of a list";
        case "SequenceEndEvent" -> "the end of a list";
        case "MappingStartEvent" -> "the start of a map";
        case "MappingEndEvent" -> "the end of a map";
        case "ScalarEvent" -> "a value";
        case "AliasEvent" -> "an alias";
        case "DocumentStartEvent", "DocumentEndEvent" -> "a document marker";
        default -> "unexpected content";
      };
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(said));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** SnakeYAML's messages, made shorter and with the fix where we know it. */
  private static String explain(String message) {
    String first = message == null ? "unreadable YAML" : message.strip();
    if (first.contains("\\t(TAB)") || first.contains("'\\t'") || first.contains("TAB")) {
      return "a tab character; YAML indents with spaces only — replace the tab with spaces";
    }
    // SnakeYAML repeats the position in a trailing " in 'reader', line x, column y:" block.
    int in = first.indexOf(" in 'reader'");
    if (in > 0) {
      first = first.substring(0, in);
    }
    first = withoutClassNames(first);
    // "but got :" reads better as "but got ':'"; token names such as <block end> stay as they are
    return first.replaceAll("\\s+", " ").strip().replaceFirst("but got ([^<\\s]\\S*)$", "but got '$1'");
  }
}
