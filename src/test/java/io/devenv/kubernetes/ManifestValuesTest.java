package io.devenv.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.profile.Profile;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestValuesTest {

  @Test
  @DisplayName("devenv's values: namespace, profile, in-cluster AWS endpoint on the emulator's port, region; profile variables too")
  void values(@TempDir Path dir) {
    // Given a profile with a variable, and the emulator listening on 4510 on the shared network
    Profile profile = TestProfiles.write(dir, "name: shop\nvariables: {stage: qa}\naws: {region: eu-west-3}\nkubernetes: {namespace: shop}\n");

    // When values are made for the shop namespace
    var values = ManifestValues.of(profile, TestProfiles.AWS.withNetworkAddress("172.18.0.5", 4510), "shop");

    // Then
    assertThat(values).containsEntry("stage", "qa").containsEntry("devenv.namespace", "shop").containsEntry("devenv.profile", "shop")
        .containsEntry("devenv.awsEndpoint", "http://aws.shop:4510").containsEntry("devenv.region", "eu-west-3").hasSize(5);
  }

  @Test
  @DisplayName("before the emulator runs (devenv plan) the endpoint assumes the edge port 4566 and the profile's region")
  void valuesForPlan(@TempDir Path dir) {
    Profile profile = TestProfiles.write(dir, "name: shop\naws: {region: eu-west-3}\nkubernetes: {namespace: shop}\n");

    var values = ManifestValues.of(profile, null, "shop");

    assertThat(values).containsEntry("devenv.awsEndpoint", "http://aws.shop:4566").containsEntry("devenv.region", "eu-west-3");
  }
}
