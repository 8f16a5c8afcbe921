package io.devenv.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.testing.TestProfiles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link SdkWarmUp}: every call of the profile is marshalled and signed, none is sent. */
class SdkWarmUpTest {

  @Test
  @DisplayName("the warm-up prepares a request for each call the sample platform's up makes, and none reaches the endpoint")
  void nothingSent() throws Exception {
    // Given a loopback port that accepts connections, as an emulator would
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(100);
      List<Socket> accepted = new ArrayList<>();
      Thread listener = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            accepted.add(server.accept());
          } catch (SocketTimeoutException e) {
            // keep listening until the test closes the socket
          } catch (java.io.IOException e) {
            return;
          }
        }
      });
      listener.start();

      // When the warm-up runs for the whole platform's AWS part against it
      int stopped = SdkWarmUp.run(TestProfiles.platform("platform").aws(), URI.create("http://127.0.0.1:" + server.getLocalPort()));
      Thread.sleep(300);
      server.close();
      listener.join(5_000);

      // Then each call was stopped before sending: one for every service the profile uses, and no connection was made
      assertThat(stopped).as("requests prepared and stopped").isGreaterThanOrEqualTo(25);
      assertThat(accepted).as("connections to the endpoint").isEmpty();
    }
  }

  @Test
  @DisplayName("without a profile, only the SSM call of the convergence stamp is prepared")
  void stampOnly() {
    assertThat(SdkWarmUp.run(null, URI.create("http://127.0.0.1:9"))).isEqualTo(1);
  }
}
