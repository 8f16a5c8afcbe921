package io.devenv.profile.terraform;

import io.devenv.profile.Origin;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pieces of references: an index segment, a value computed on demand, and the parser of a written reference. */
final class Reference {

  private static final Pattern SEGMENT = Pattern.compile("\\.?([A-Za-z_][\\w\\-]*)|\\[(\\d+)]|\\[\"([^\"]*)\"]");

  private Reference() {}

  /** An index segment: {@code [0]} or {@code ["key"]}. */
  record Index(Object key) {
    @Override
    public String toString() {
      return "[" + key + "]";
    }
  }

  /** A value whose attributes are computed when asked for (a resource, a module). */
  interface Lazy {
    Object get(Object segment, Origin at);

    /** The whole value, when a reference stops at it. */
    Object whole(Origin at);
  }

  /** Parses a written reference, e.g. {@code aws_sqs_queue.jobs["a"].arn} (heredocs keep them as text). */
  static List<Object> parse(String text, Origin at) {
    List<Object> path = new ArrayList<>();
    Matcher m = SEGMENT.matcher(text);
    int position = 0;
    while (position < text.length()) {
      if (!m.find(position) || m.start() != position) {
        throw new TerraformException(at, "cannot read the reference '" + text + "'");
      }
      if (m.group(1) != null) {
        path.add(m.group(1));
      } else if (m.group(2) != null) {
        path.add(new Index(new BigDecimal(m.group(2))));
      } else {
        path.add(new Index(m.group(3)));
      }
      position = m.end();
    }
    return path;
  }
}
