package io.devenv.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.Check;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlReportTest {

  @Test
  @DisplayName("one test case per check, failures carry the whole report as text, and XML special characters survive")
  void writesOneCasePerCheck(@TempDir Path dir) throws Exception {
    // Given a passed check and a failed one whose report has characters XML must escape
    String report = "Deployment vod/catalog-api: CrashLoopBackOff\n  <last log> & \"quotes\"\n  kubectl -n vod logs deploy/catalog-api";
    List<Check> checks = List.of(
        Check.passed("aws", "S3 bucket vod-images", Duration.ofMillis(1200)),
        Check.failed("kubernetes", "Deployment vod/catalog-api", Duration.ofSeconds(3), report));

    // When the report is written
    Path file = dir.resolve("target/devenv-report.xml");
    JunitXmlReport.write(file, "vod-platform", checks);

    // Then a standard XML parser reads it back as a JUnit test suite
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    Element suite = doc.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("tests")).as("one test per check").isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    NodeList cases = suite.getElementsByTagName("testcase");
    assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("S3 bucket vod-images");
    assertThat(((Element) cases.item(0)).getAttribute("time")).isEqualTo("1.200");
    assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).as("a passed check has no failure").isZero();
    Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).as("the first line is the message").isEqualTo("Deployment vod/catalog-api: CrashLoopBackOff");
    assertThat(failure.getTextContent()).as("the whole report, unescaped").isEqualTo(report);
  }
}
