package io.devenv.profile.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParserException;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import io.devenv.profile.Origin;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an HCL2 file into hcl4j's syntax tree, which keeps every symbol's line and column.
 * hcl4j's public parser evaluates as it goes and loses both (and mis-evaluates references), so
 * devenv takes the tree from its lexer and evaluates it itself ({@link Expressions}).
 */
final class HclReader {

  private static final Pattern LEXER_AT = Pattern.compile("found on line: (\\d+) col: (\\d+)");
  private static final long MAX_BYTES = 4L * 1024 * 1024;

  private HclReader() {}

  /** The top-level symbols of a file: blocks in a .tf file, attributes in a .tfvars file. */
  static List<Symbol> read(Path file) {
    String text;
    try {
      if (!Files.isRegularFile(file)) {
        throw new TerraformException(Origin.of(file), "not a regular file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new TerraformException(Origin.of(file), "larger than 4 MiB; devenv does not read Terraform files this large");
      }
      text = Files.readString(file);
    } catch (MalformedInputException e) {
      throw new TerraformException(Origin.of(file), "not UTF-8 text");
    } catch (IOException e) {
      throw new TerraformException(Origin.of(file), "cannot read: " + e.getMessage());
    }
    return parse(file, text);
  }

  static List<Symbol> parse(Path file, String text) {
    HclBraces.check(file, text);
    Object lexer;
    try {
      lexer = LEXER.newInstance(new StringReader(text));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("hcl4j's lexer cannot be used", e);
    }
    try {
      YYLEX.invoke(lexer);
    } catch (InvocationTargetException e) {
      throw located(file, lexer, e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("hcl4j's lexer cannot be used", e);
    }
    try {
      @SuppressWarnings("unchecked")
      List<Symbol> symbols = (List<Symbol>) ELEMENTS.get(lexer);
      return List.copyOf(symbols);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("hcl4j's lexer cannot be used", e);
    }
  }

  private static TerraformException located(Path file, Object lexer, Throwable cause) {
    String message = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
    Matcher m = LEXER_AT.matcher(message);
    if (cause instanceof HCLParserException && m.find()) {
      String what = message.substring(0, m.start()).replaceAll("\\s*-\\s*state: \\d+>\\s*$", "").replace("<(", "'")
          .replace(")", "'").replace("\n", "\\n").strip();
      return new TerraformException(new Origin(file, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
          "not valid HCL: " + what.toLowerCase(java.util.Locale.ROOT));
    }
    // the lexer's own position (0-based) when its message carries none
    try {
      int line = YYLINE.getInt(lexer) + 1;
      int column = YYCOLUMN.getInt(lexer) + 1;
      return new TerraformException(new Origin(file, line, column), "not valid HCL: " + message);
    } catch (IllegalAccessException e) {
      return new TerraformException(Origin.of(file), "not valid HCL: " + message);
    }
  }

  private static final Constructor<?> LEXER;
  private static final Method YYLEX;
  private static final Field ELEMENTS;
  private static final Field YYLINE;
  private static final Field YYCOLUMN;

  static {
    try {
      Class<?> type = Class.forName("com.bertramlabs.plugins.hcl4j.HCLLexer");
      LEXER = type.getDeclaredConstructor(Reader.class);
      LEXER.setAccessible(true);
      YYLEX = type.getDeclaredMethod("yylex");
      YYLEX.setAccessible(true);
      ELEMENTS = type.getDeclaredField("elementStack");
      ELEMENTS.setAccessible(true);
      YYLINE = type.getDeclaredField("yyline");
      YYLINE.setAccessible(true);
      YYCOLUMN = type.getDeclaredField("yycolumn");
      YYCOLUMN.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
