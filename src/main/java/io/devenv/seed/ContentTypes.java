package io.devenv.seed;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/** The Content-Type of a seed object, from its file name's extension. */
public final class ContentTypes {
  /** Types the JDK's table lacks or gets wrong for web use; checked first. */
  private static final Map<String, String> KNOWN = Map.ofEntries(
      Map.entry("json", "application/json"),
      Map.entry("ndjson", "application/x-ndjson"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("csv", "text/csv; charset=utf-8"),
      Map.entry("md", "text/markdown; charset=utf-8"),
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("htm", "text/html; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("xml", "application/xml"),
      Map.entry("yaml", "application/yaml"),
      Map.entry("yml", "application/yaml"),
      Map.entry("pem", "application/x-pem-file"),
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("pdf", "application/pdf"),
      Map.entry("zip", "application/zip"),
      Map.entry("gz", "application/gzip"),
      Map.entry("mp4", "video/mp4"),
      Map.entry("m3u8", "application/vnd.apple.mpegurl"),
      Map.entry("ts", "video/mp2t"),
      Map.entry("mp3", "audio/mpeg"),
      Map.entry("vtt", "text/vtt; charset=utf-8"),
      Map.entry("parquet", "application/vnd.apache.parquet"),
      Map.entry("avro", "application/avro"));

  public static final String DEFAULT = "application/octet-stream";

  private ContentTypes() {}

  public static String of(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot >= 0 && dot < fileName.length() - 1) {
      String known = KNOWN.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
      if (known != null) {
        return known;
      }
    }
    String guessed = URLConnection.guessContentTypeFromName(fileName);
    return guessed != null ? guessed : DEFAULT;
  }
}
