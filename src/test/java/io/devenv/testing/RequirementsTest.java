package io.devenv.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {
  private final String saved = System.getProperty(Requirements.REQUIRE_ALL);

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(Requirements.REQUIRE_ALL);
    } else {
      System.setProperty(Requirements.REQUIRE_ALL, saved);
    }
  }

  @Test
  @DisplayName("a missing requirement skips the test with the message, unless CI requires everything")
  void skipsOrFails() {
    System.setProperty(Requirements.REQUIRE_ALL, "false");
    assertThatThrownBy(() -> Requirements.require(false, "X is not installed: apt-get install x"))
        .isInstanceOf(TestAbortedException.class).hasMessage("X is not installed: apt-get install x");

    System.setProperty(Requirements.REQUIRE_ALL, "true");
    assertThatThrownBy(() -> Requirements.require(false, "X is not installed: apt-get install x"))
        .isInstanceOf(AssertionFailedError.class).hasMessageStartingWith("X is not installed: apt-get install x");
  }

  @Test
  @DisplayName("a requirement that is met does nothing")
  void met() {
    assertThatCode(() -> Requirements.require(true, "unused")).doesNotThrowAnyException();
  }
}
