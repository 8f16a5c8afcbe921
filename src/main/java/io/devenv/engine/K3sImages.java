package io.devenv.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.devenv.core.DevenvException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies images from the local Docker daemon into k3s's containerd, so a developer's own builds
 * run in the cluster without a registry. An image already there with the same ID is skipped.
 */
final class K3sImages {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);

  private K3sImages() {}

  /** Fails, naming them, when images the profile wants imported are not in the local daemon. */
  static void requirePresent(DockerClient docker, List<String> images) {
    List<String> missing = new ArrayList<>();
    for (String image : images) {
      if (localId(docker, image) == null) {
        missing.add(image);
      }
    }
    if (!missing.isEmpty()) {
      throw DevenvException.invalid("kubernetes.images: " + String.join(", ", missing)
          + (missing.size() == 1 ? " is" : " are") + " not in the local Docker daemon: build "
          + (missing.size() == 1 ? "it" : "them") + " first (docker build -t " + missing.get(0) + " .)");
    }
  }

  /** Imports the images k3s does not have yet; returns how many were imported. */
  static int importInto(DockerClient docker, String k3sContainerId, List<String> images) {
    int imported = 0;
    for (String image : images) {
      String id = localId(docker, image);
      if (id != null && id.equals(idInCluster(docker, k3sContainerId, image))) {
        continue;
      }
      importOne(docker, k3sContainerId, image);
      imported++;
    }
    return imported;
  }

  static String localId(DockerClient docker, String image) {
    try {
      return docker.inspectImageCmd(image).exec().getId();
    } catch (NotFoundException e) {
      return null;
    }
  }

  /** The image ID containerd has for this reference (crictl reports the config digest, as Docker's ID is). */
  private static String idInCluster(DockerClient docker, String containerId, String image) {
    DockerExec.Result result = DockerExec.run(docker, containerId, Duration.ofSeconds(30), "crictl", "inspecti", "-o", "json", image);
    return result.ok() ? imageIdFromCrictl(result.stdout()) : null;
  }

  static String imageIdFromCrictl(String json) {
    try {
      String id = JSON.readTree(json).path("status").path("id").asText("");
      return id.isEmpty() ? null : id;
    } catch (IOException e) {
      return null;
    }
  }

  private static void importOne(DockerClient docker, String containerId, String image) {
    Path tar = null;
    try {
      tar = Files.createTempFile("devenv-image-", ".tar");
      try (InputStream saved = docker.saveImageCmd(image).exec()) {
        Files.copy(saved, tar, StandardCopyOption.REPLACE_EXISTING);
      }
      docker.copyArchiveToContainerCmd(containerId).withHostResource(tar.toString()).withRemotePath("/tmp").exec();
      String inContainer = "/tmp/" + tar.getFileName();
      DockerExec.Result result = DockerExec.run(docker, containerId, IMPORT_TIMEOUT,
          "sh", "-c", "ctr -n k8s.io images import '" + inContainer + "'; code=$?; rm -f '" + inContainer + "'; exit $code");
      if (!result.ok()) {
        throw DevenvException.failure("Could not import image " + image + " into k3s: " + result.stderr().strip(), null);
      }
    } catch (IOException e) {
      throw DevenvException.failure("Could not export image " + image + " from the local Docker daemon: " + e.getMessage(), e);
    } finally {
      if (tar != null) {
        try {
          Files.deleteIfExists(tar);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }
}
