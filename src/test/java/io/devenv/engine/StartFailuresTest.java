package io.devenv.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.core.ExitCode;
import java.net.ServerSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StartFailuresTest {

  @Test
  @DisplayName("Docker's 'port is already allocated' becomes one line naming the port")
  void portTaken() {
    var e = StartFailures.translate(new RuntimeException("Could not start container",
        new RuntimeException("Status 500: driver failed programming external connectivity: Bind for 127.0.0.1:4566 failed: port is already allocated")),
        "AWS emulator x", 4566, "");
    assertThat(e.getMessage()).startsWith("Port 4566 on 127.0.0.1 is taken").contains("AWS emulator");
    assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
  }

  @Test
  @DisplayName("Other failures name the container and the root cause, with its last log lines as detail")
  void otherFailure() {
    var e = StartFailures.translate(new IllegalStateException("wrapper", new RuntimeException("Timed out waiting for URL")),
        "AWS emulator x", 0, "line 1\nline 2");
    assertThat(e.getMessage()).isEqualTo("The AWS emulator x did not start: Timed out waiting for URL");
    assertThat(e.detail()).contains("line 2");
  }

  @Test
  @DisplayName("A fixed port already listened on is refused before any container starts")
  void portCheck() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(PortCheck.isFree(taken.getLocalPort())).isFalse();
      var e = org.assertj.core.api.Assertions.catchThrowableOfType(io.devenv.core.DevenvException.class,
          () -> PortCheck.requireFree(taken.getLocalPort(), "the AWS emulator"));
      assertThat(e.getMessage()).contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is taken");
    }
  }
}
