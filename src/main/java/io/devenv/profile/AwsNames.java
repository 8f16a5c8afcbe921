package io.devenv.profile;

import java.util.regex.Pattern;

/**
 * The naming rules AWS enforces when a resource is created, checked before anything starts. Each
 * method returns why a name is refused, or null when AWS would take it.
 */
final class AwsNames {

  private static final Pattern BUCKET_CHARS = Pattern.compile("[a-z0-9.-]+");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern QUEUE_CHARS = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern TABLE_CHARS = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern SECRET_CHARS = Pattern.compile("[A-Za-z0-9/_+=.@-]+");
  private static final Pattern PARAMETER_CHARS = Pattern.compile("[A-Za-z0-9_./-]+");

  private AwsNames() {}

  static String bucket(String name) {
    String chars = shape(name, 3, 63, BUCKET_CHARS, "lowercase letters, digits, '.' and '-'");
    if (chars != null) {
      return chars;
    }
    if (!Character.isLetterOrDigit(name.charAt(0)) || !Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
      return "it must start and end with a letter or a digit";
    }
    if (name.contains("..")) {
      return "it must not contain '..'";
    }
    if (IPV4.matcher(name).matches()) {
      return "it must not look like an IP address";
    }
    for (String reserved : new String[] {"xn--", "sthree-", "amzn-s3-demo-"}) {
      if (name.startsWith(reserved)) {
        return "the prefix '" + reserved + "' is reserved by S3";
      }
    }
    for (String reserved : new String[] {"-s3alias", "--ol-s3", ".mrap", "--x-s3"}) {
      if (name.endsWith(reserved)) {
        return "the suffix '" + reserved + "' is reserved by S3";
      }
    }
    return null;
  }

  /** The name without its {@code .fifo} suffix is checked; the suffix itself is checked against {@code fifo}. */
  static String queue(String name) {
    String base = name.endsWith(".fifo") ? name.substring(0, name.length() - ".fifo".length()) : name;
    if (name.length() > 80) {
      return "use at most 80 characters, not " + name.length();
    }
    return shape(base, 1, 80, QUEUE_CHARS, "letters, digits, '-' and '_' (and a '.fifo' suffix for a FIFO queue)");
  }

  static String topic(String name) {
    return shape(name, 1, 256, QUEUE_CHARS, "letters, digits, '-' and '_'");
  }

  /** Tables and their indexes share one rule. */
  static String table(String name) {
    return shape(name, 3, 255, TABLE_CHARS, "letters, digits, '_', '-' and '.'");
  }

  static String stream(String name) {
    return shape(name, 1, 128, TABLE_CHARS, "letters, digits, '_', '-' and '.'");
  }

  static String secret(String name) {
    return shape(name, 1, 512, SECRET_CHARS, "letters, digits and /_+=.@-");
  }

  static String parameter(String name) {
    String chars = shape(name, 1, 1011, PARAMETER_CHARS, "letters, digits, '_', '.', '-' and '/'");
    if (chars != null) {
      return chars;
    }
    if (name.contains("/") && !name.startsWith("/")) {
      return "a name with '/' is a path and must start with '/'";
    }
    if (name.contains("//") || name.length() > 1 && name.endsWith("/") || name.equals("/")) {
      return "every level of the path needs a name (no '//', no trailing '/')";
    }
    String first = name.startsWith("/") ? name.substring(1) : name;
    String lower = first.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("aws") || lower.startsWith("ssm")) {
      return "names starting with 'aws' or 'ssm' are reserved by AWS";
    }
    long levels = name.chars().filter(c -> c == '/').count();
    if (levels > 15) {
      return "use at most 15 levels, not " + levels;
    }
    return null;
  }

  /** Length, then the first character outside {@code allowed}. */
  private static String shape(String name, int min, int max, Pattern allowed, String allowedText) {
    if (name.length() < min || name.length() > max) {
      return "use " + min + " to " + max + " characters, not " + name.length();
    }
    if (allowed.matcher(name).matches()) {
      return null;
    }
    for (int i = 0; i < name.length(); i++) {
      String c = name.substring(i, i + 1);
      if (!allowed.matcher(c).matches()) {
        String shown = c.equals(" ") ? "a space" : "'" + c + "'";
        return shown + " is not allowed; use " + allowedText;
      }
    }
    return "use " + allowedText;
  }
}
