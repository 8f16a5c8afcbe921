package io.devenv.cli;

import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.core.Text;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The entry point. Only {@link #main} exits the JVM; tests call {@link #run}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    configureLogging(java.util.Arrays.asList(args).contains("--verbose"));
    io.devenv.lifecycle.CommandLineProcess.prepare();
    io.devenv.lifecycle.CommandLineProcess.prepareDockerUp(args);
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /**
   * Libraries log to SLF4J; a user sees devenv's own progress lines, and library logs only with
   * --verbose. Must run before the first logger is made.
   */
  static void configureLogging(boolean verbose) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    if (!verbose) {
      // Testcontainers warns that Ryuk is disabled: devenv disables it on purpose (its own cleanup model).
      System.setProperty("org.slf4j.simpleLogger.log.org.testcontainers", "error");
      System.setProperty("org.slf4j.simpleLogger.log.tc", "error");
      // fabric8 logs a watch that a real API server closes as an ERROR, and vert.x (its HTTP client)
      // warns of blocked threads on a busy machine: devenv reconnects and reports what matters itself.
      System.setProperty("org.slf4j.simpleLogger.log.io.fabric8", "off");
      System.setProperty("org.slf4j.simpleLogger.log.io.vertx", "off");
    }
    // vert.x logs through SLF4J (so the level above applies), never java.util.logging: starting
    // java.util.logging would look for a logging back-end in every jar on the class path.
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    // SLF4J's provider named, not looked for in every jar (its ServiceLoader scan of ~120 jars).
    System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    // picocli would look for Groovy's Closure class, in every jar, to find none.
    System.setProperty("picocli.disable.closures", "true");
  }

  /** Runs one command line and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    int code = commandLine(out, err, args).execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The whole command line, every subcommand built, writing to the given writers. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return withSubcommands(out, err, DevenvCommand.SUBCOMMANDS.keySet());
  }

  /**
   * The command line for these arguments: with only the subcommand they name when picocli parses
   * them to exactly that one (building every command's model costs a tenth of a second of start-up),
   * else the whole one, so that help, suggestions and errors are what the whole one prints.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
    String named = null;
    for (String arg : args) {
      if (DevenvCommand.SUBCOMMANDS.containsKey(arg)) {
        named = arg;
        break;
      }
    }
    CommandLine narrow = withSubcommands(out, err, named == null ? java.util.List.of() : java.util.List.of(named));
    return parsesTo(narrow, named, args) ? narrow : commandLine(out, err);
  }

  /** Whether these arguments name that subcommand, or (name null) only ask for the version. */
  private static boolean parsesTo(CommandLine cli, String name, String... args) {
    try {
      ParseResult parsed = cli.parseArgs(args);
      if (name == null) {
        return !parsed.hasSubcommand() && parsed.isVersionHelpRequested();
      }
      return parsed.hasSubcommand() && parsed.subcommand().commandSpec().name().equals(name);
    } catch (CommandLine.ParameterException e) {
      return false;
    }
  }

  private static CommandLine withSubcommands(PrintWriter out, PrintWriter err, Iterable<String> names) {
    CommandLine cli = new CommandLine(new DevenvCommand());
    for (String name : names) {
      cli.addSubcommand(name, DevenvCommand.SUBCOMMANDS.get(name).get());
    }
    // Every line devenv prints passes here: no user string reaches the terminal with raw controls.
    cli.setOut(new PrintWriter(Text.terminalSafe(out), true));
    cli.setErr(new PrintWriter(Text.terminalSafe(err), true));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(usageErrors());
    cli.setExecutionExceptionHandler(failures());
    return cli;
  }

  private static IParameterExceptionHandler usageErrors() {
    return (ex, args) -> {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("error: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
      return ExitCode.INVALID_INPUT;
    };
  }

  private static IExecutionExceptionHandler failures() {
    return (ex, cmd, parseResult) -> {
      PrintWriter err = cmd.getErr();
      boolean verbose = isVerbose(parseResult);
      if (ex instanceof DevenvException de) {
        return report(de, err, verbose);
      }
      err.println("error: unexpected " + ex.getClass().getSimpleName() + ": " + Text.escape(ex.getMessage()));
      if (verbose) {
        err.println(stackTrace(ex));
      } else {
        err.println("Run again with --verbose for the stack trace, and please report it.");
      }
      return ExitCode.FAILURE;
    };
  }

  /** Prints a user-facing failure the one way devenv prints them, and returns its exit code. */
  static int report(DevenvException e, PrintWriter err, boolean verbose) {
    // The message is one line by contract: a newline in it came from a user string.
    err.println("error: " + Text.escape(e.getMessage()));
    if (e.detail() != null) {
      err.println(e.detail());
    }
    if (verbose && e.getCause() != null) {
      err.println(stackTrace(e));
    }
    err.flush();
    return e.exitCode();
  }

  private static boolean isVerbose(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static String stackTrace(Throwable t) {
    StringWriter s = new StringWriter();
    t.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
