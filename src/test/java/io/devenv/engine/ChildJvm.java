package io.devenv.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a class of the test classpath in its own JVM, for what only a separate process shows. */
final class ChildJvm {
  private ChildJvm() {}

  static ProcessBuilder builder(List<String> prefix, Class<?> main, String... args) {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.putIfAbsent("TESTCONTAINERS_RYUK_DISABLED", "true");
    return pb;
  }

  static Process start(Class<?> main, String... args) throws IOException {
    return builder(List.of(), main, args).start();
  }
}
