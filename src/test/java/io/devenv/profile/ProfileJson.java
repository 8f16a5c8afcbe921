package io.devenv.profile;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A loaded profile as stable JSON, for golden files: every record component in declaration
 * order, paths and origins relative to a base directory (so the output is the same on every
 * machine), origins as {@code file:line:column} to show which file each value came from.
 */
final class ProfileJson {

  private final ObjectMapper mapper;

  ProfileJson(Path base) {
    SimpleModule paths = new SimpleModule()
        .addSerializer(Path.class, new JsonSerializer<>() {
          @Override
          public void serialize(Path p, JsonGenerator g, SerializerProvider s) throws IOException {
            g.writeString(relative(base, p));
          }
        })
        .addSerializer(Origin.class, new JsonSerializer<>() {
          @Override
          public void serialize(Origin o, JsonGenerator g, SerializerProvider s) throws IOException {
            String file = o.file() == null ? "<none>" : relative(base, o.file());
            g.writeString(o.line() > 0 ? file + ":" + o.line() + ":" + o.column() : file);
          }
        });
    mapper = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(paths)
        // the record components only, not helpers such as isEmpty() or needsAws()
        .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
        .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  String write(Profile profile) {
    try {
      return mapper.writeValueAsString(profile) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String relative(Path base, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
  }
}
