package io.devenv.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads versions out of image references, to compare tags the way people mean them. */
public final class ImageTags {
  private static final Pattern VERSION = Pattern.compile("^v?(\\d+(?:\\.\\d+)*)");

  private ImageTags() {}

  /** The repository part: "localstack/localstack" of "localstack/localstack:4.14.0". */
  public static String repository(String image) {
    String noDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = noDigest.lastIndexOf('/');
    int colon = noDigest.lastIndexOf(':');
    return colon > slash ? noDigest.substring(0, colon) : noDigest;
  }

  /** The tag: "4.14.0" of "localstack/localstack:4.14.0", "latest" when there is none. */
  public static String tag(String image) {
    String noDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = noDigest.lastIndexOf('/');
    int colon = noDigest.lastIndexOf(':');
    if (colon > slash) {
      return noDigest.substring(colon + 1);
    }
    // A bare digest pins an unknown version; a bare name means latest.
    return image.contains("@") ? "" : "latest";
  }

  /**
   * Whether the image's tag is a later version than {@code version}, comparing numbers part by
   * part (4.14.0 &lt; 4.14.1 &lt; 4.15). A tag that is not a version ({@code latest}, {@code stable},
   * a bare digest) counts as newer: it can move to any release.
   */
  public static boolean isNewerThan(String image, String version) {
    List<Long> tag = numbers(tag(image));
    if (tag == null) {
      return true;
    }
    List<Long> limit = numbers(version);
    for (int i = 0; i < Math.max(tag.size(), limit.size()); i++) {
      long a = i < tag.size() ? tag.get(i) : 0;
      long b = i < limit.size() ? limit.get(i) : 0;
      if (a != b) {
        return a > b;
      }
    }
    return false;
  }

  private static List<Long> numbers(String tag) {
    Matcher m = VERSION.matcher(tag);
    if (!m.find()) {
      return null;
    }
    List<Long> parts = new ArrayList<>();
    for (String part : m.group(1).split("\\.")) {
      if (part.length() > 18) {
        return null; // a timestamp-like tag, not a version
      }
      parts.add(Long.parseLong(part));
    }
    return parts;
  }
}
