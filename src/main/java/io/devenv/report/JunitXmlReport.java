package io.devenv.report;

import io.devenv.core.Check;
import io.devenv.core.DevenvException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes readiness checks as a JUnit-XML report, the format CI systems display: one test suite
 * per environment, one test case per check, the failure report as the failure's text.
 */
public final class JunitXmlReport {

  private JunitXmlReport() {}

  public static void write(Path file, String suite, List<Check> checks) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, ".devenv-report", ".xml");
      try (OutputStream out = Files.newOutputStream(temporary)) {
        write(out, suite, checks);
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | XMLStreamException e) {
      throw DevenvException.failure("cannot write the report " + file + ": " + e.getMessage(), e);
    }
  }

  static void write(OutputStream out, String suite, List<Check> checks) throws XMLStreamException {
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
    long failures = checks.stream().filter(c -> !c.ok()).count();
    Duration total = checks.stream().map(Check::duration).reduce(Duration.ZERO, Duration::plus);
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeCharacters("\n");
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", "devenv " + suite);
    xml.writeAttribute("tests", Integer.toString(checks.size()));
    xml.writeAttribute("failures", Long.toString(failures));
    xml.writeAttribute("errors", "0");
    xml.writeAttribute("skipped", "0");
    xml.writeAttribute("time", seconds(total));
    for (Check check : checks) {
      xml.writeCharacters("\n  ");
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", "devenv." + suite + "." + check.group());
      xml.writeAttribute("name", check.name());
      xml.writeAttribute("time", seconds(check.duration()));
      if (!check.ok()) {
        String report = check.failure() == null ? "failed" : check.failure();
        xml.writeStartElement("failure");
        xml.writeAttribute("message", report.lines().findFirst().orElse("failed"));
        xml.writeAttribute("type", "devenv.readiness");
        xml.writeCharacters(report);
        xml.writeEndElement();
      }
      xml.writeEndElement();
    }
    xml.writeCharacters("\n");
    xml.writeEndElement();
    xml.writeCharacters("\n");
    xml.writeEndDocument();
    xml.close();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
  }
}
