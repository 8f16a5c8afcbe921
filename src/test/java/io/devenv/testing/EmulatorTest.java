package io.devenv.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devenv.engine.AwsService;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class EmulatorTest {
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
  @DisplayName("a service LocalStack cannot serve here skips the test with the documented reason, even when CI requires everything")
  void documentedSkipStaysASkip() {
    System.setProperty(Requirements.REQUIRE_ALL, "true");
    EmulatorProcess localstack = Emulator.LOCALSTACK.process();

    assertThatThrownBy(() -> localstack.assumeOffers(AwsService.DYNAMODB)).isInstanceOf(TestAbortedException.class)
        .hasMessage("skipped on LocalStack 4.14.0: it cannot serve DynamoDB on this machine: it downloads Java 21,"
            + " DynamoDB Local and its loader jar at first use from hosts that cannot be reached (docs/engines.md)");
    assertThatThrownBy(localstack::assumeKeepsState).isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("persistence is a LocalStack Pro feature");
    assertThatCode(() -> localstack.assumeOffers(AwsService.KINESIS)).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("MiniStack offers every service, and keeps state across restarts once asked to")
  void miniStackOffersEverything() {
    EmulatorProcess ministack = Emulator.MINISTACK.process();
    for (AwsService service : AwsService.values()) {
      assertThat(ministack.offers(service)).as(service.id()).isTrue();
    }
    assertThat(ministack.keepsStateAcrossRestarts()).isFalse();
    assertThat(ministack.withPersistence(Path.of("/tmp/x")).keepsStateAcrossRestarts()).isTrue();
  }

  @Test
  @DisplayName("each emulator's invocations are named so the counts can find them")
  void names() {
    assertThat(EmulatorCounts.PREFIX + Emulator.LOCALSTACK).isEqualTo("on LocalStack 4.14.0");
    assertThat(EmulatorCounts.PREFIX + Emulator.MINISTACK).isEqualTo("on MiniStack");
  }
}
