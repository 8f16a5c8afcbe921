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
      QUIET_JUL.setLevel(java.util.logging.Level.OFF);
    }
  }

  /** vert.x may log through java.util.logging; held so the level is not garbage-collected with the logger. */
  private static final java.util.logging.Logger QUIET_JUL = java.util.logging.Logger.getLogger("io.vertx");

  /** Runs one command line and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    int code = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The whole command line, writing to the given writers. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new DevenvCommand());
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
