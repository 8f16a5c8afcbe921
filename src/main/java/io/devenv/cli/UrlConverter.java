package io.devenv.cli;

import io.devenv.core.Text;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A URL option: a bad one is named with the reason in plain words, never as picocli's "(java.net.URISyntaxException: ...)". */
final class UrlConverter implements ITypeConverter<URI> {

  @Override
  public URI convert(String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      String reason = e.getReason() == null ? "" : e.getReason().substring(0, 1).toLowerCase() + e.getReason().substring(1);
      // The index may point just past the value ("http://[::1" lacks its closing bracket).
      String where = e.getIndex() < 0 ? "" : e.getIndex() >= value.length() ? " at its end" : " at character " + (e.getIndex() + 1);
      throw new TypeConversionException("'" + Text.excerpt(value) + "' is not a URL (" + reason + where
          + "); write one such as http://127.0.0.1:4566");
    }
  }
}
