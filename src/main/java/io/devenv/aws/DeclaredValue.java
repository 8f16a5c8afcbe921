package io.devenv.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devenv.core.DevenvException;
import io.devenv.profile.Origin;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * The value of a secret or parameter as the profile declares it: text, or bytes for a secret
 * file that is not UTF-8 text.
 */
public record DeclaredValue(String text, byte[] binary) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public boolean isText() {
    return text != null;
  }

  /** A secret's value: a map or list becomes JSON, a file is read as text when it is UTF-8. */
  public static DeclaredValue of(Object value, Path file, Origin origin, String what) {
    if (file != null) {
      byte[] bytes = read(file, origin, what);
      String text = utf8(bytes);
      return text != null ? new DeclaredValue(text, null) : new DeclaredValue(null, bytes);
    }
    if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
      try {
        return new DeclaredValue(JSON.writeValueAsString(value), null);
      } catch (JsonProcessingException e) {
        throw DevenvException.invalid(origin + ": " + what + ": the value cannot be written as JSON: " + e.getOriginalMessage());
      }
    }
    if (value == null) {
      throw DevenvException.invalid(origin + ": " + what + " has neither value nor file");
    }
    return new DeclaredValue(value.toString(), null);
  }

  /** A parameter's value: always text. */
  public static String text(String value, Path file, Origin origin, String what) {
    if (file == null) {
      if (value == null) {
        throw DevenvException.invalid(origin + ": " + what + " has neither value nor file");
      }
      return value;
    }
    String text = utf8(read(file, origin, what));
    if (text == null) {
      throw DevenvException.invalid(origin + ": " + what + ": " + file + " is not UTF-8 text");
    }
    return text;
  }

  public boolean sameAs(String otherText, ByteBuffer otherBinary) {
    if (isText()) {
      return text.equals(otherText);
    }
    if (otherBinary == null) {
      return false;
    }
    byte[] other = new byte[otherBinary.remaining()];
    otherBinary.duplicate().get(other);
    return Arrays.equals(binary, other);
  }

  private static byte[] read(Path file, Origin origin, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DevenvException(2, origin + ": " + what + ": cannot read " + file + " (" + e.getMessage() + ")", e);
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return s.indexOf('\0') >= 0 ? null : s;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeclaredValue v && java.util.Objects.equals(text, v.text) && Arrays.equals(binary, v.binary);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Objects.hashCode(text) + Arrays.hashCode(binary);
  }

  @Override
  public String toString() {
    // Values are secrets: never print them.
    return isText() ? "DeclaredValue[text, " + text.length() + " chars]" : "DeclaredValue[binary, " + binary.length + " bytes]";
  }
}
